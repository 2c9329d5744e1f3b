package dev.skyport.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.LayerObject;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's plan (layers, entrypoint, user, ports, settings) and its reproducibility, without a registry. */
class ImageBuilderTest {

    @TempDir
    Path dir;

    @Test
    void layersGoFromTheLeastToTheMostOftenChangedWithTheClasspathInSpringBootsOrder() throws Exception {
        ContainerBuildPlan plan = plan(Component.GATEWAY, "eclipse-temurin:21-jre", dir.resolve("work"));

        assertThat(plan.getLayers()).extracting(LayerObject::getName).containsExactly(
                "dependencies", "snapshot dependencies", "project dependencies", "resources", "classes", "classpath");
        assertThat(paths(plan, "dependencies")).containsExactly("/app/libs/lib-a-1.0.jar");
        assertThat(paths(plan, "snapshot dependencies")).containsExactly("/app/libs/lib-b-2.0-SNAPSHOT.jar");
        assertThat(paths(plan, "project dependencies")).containsExactly("/app/libs/platform-api-0.1.0-SNAPSHOT.jar");
        assertThat(paths(plan, "resources")).contains("/app/resources/application.yml",
                "/app/resources/templates/python/3.11/Dockerfile");
        assertThat(paths(plan, "classes")).contains("/app/classes/demo/Main.class", "/app/classes/demo/web/Handler.class");
        assertThat(Files.readString(dir.resolve("work/classpath"))).isEqualTo(
                "/app/classes:/app/resources:/app/libs/platform-api-0.1.0-SNAPSHOT.jar"
                        + ":/app/libs/lib-b-2.0-SNAPSHOT.jar:/app/libs/lib-a-1.0.jar");
        for (FileEntry entry : entries(plan)) {
            assertThat(entry.getModificationTime()).isEqualTo(ImageBuilder.FILE_TIME);
            assertThat(entry.getOwnership()).as("owned by root, so the app cannot change its own code").isEmpty();
        }
    }

    @Test
    void theImageRunsTheMainClassAsNonRootWithTheContainerFlagsOnTheComponentsPorts() throws Exception {
        ContainerBuildPlan plan = plan(Component.GATEWAY, "eclipse-temurin:21-jre", dir.resolve("work"));

        assertThat(plan.getBaseImage()).isEqualTo("eclipse-temurin:21-jre");
        assertThat(plan.getUser()).isEqualTo("65532:65532");
        assertThat(plan.getEntrypoint()).containsExactly("java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-Dfile.encoding=UTF-8",
                "-cp", "@/app/classpath", "demo.Main");
        assertThat(plan.getCmd()).isEmpty();
        assertThat(plan.getExposedPorts()).containsExactlyInAnyOrder(Port.tcp(8080), Port.tcp(8081));
        assertThat(plan.getWorkingDirectory()).isEqualTo(AbsoluteUnixPath.get("/app"));
        assertThat(plan.getCreationTime()).isEqualTo(Instant.EPOCH);
        assertThat(plan.getLabels()).containsEntry("org.opencontainers.image.version", "1.2.3")
                .containsEntry("org.opencontainers.image.title", "skyport-gateway");
    }

    @Test
    void theBuildFarmListensOnEveryAddressAndOwnsItsDataDirectory() throws Exception {
        ContainerBuildPlan plan = plan(Component.BUILD_FARM, "eclipse-temurin:21-jre", dir.resolve("work"));

        assertThat(plan.getEnvironment()).containsEntry("SKYPORT_BUILD_FARM_ADDRESS", "0.0.0.0")
                .containsEntry("SKYPORT_BUILD_FARM_MANAGEMENT_ADDRESS", "0.0.0.0")
                .containsEntry("SKYPORT_HOME", "/var/lib/skyport");
        assertThat(plan.getExposedPorts()).containsExactlyInAnyOrder(Port.tcp(8090), Port.tcp(8091));
        assertThat(plan.getLayers().get(0).getName()).isEqualTo("writable directories");
        FileEntry data = ((FileEntriesLayer) plan.getLayers().get(0)).getEntries().get(0);
        assertThat(data.getExtractionPath()).isEqualTo(AbsoluteUnixPath.get("/var/lib/skyport"));
        assertThat(data.getOwnership()).isEqualTo("65532:65532");
        assertThat(data.getPermissions().toOctalString()).isEqualTo("755");
    }

    @Test
    void theSameJarGivesTheSameImageWhateverTheFilesTimesAndOnlyAChangedClassChangesIt() throws Exception {
        Path jar = TestBootJars.demo(Files.createDirectories(dir.resolve("jar")));
        JibContainer first = buildToTar(jar, dir.resolve("first"), null);
        JibContainer second = buildToTar(jar, dir.resolve("second"), Instant.parse("2001-02-03T04:05:06Z"));

        assertThat(second.getDigest()).isEqualTo(first.getDigest());
        assertThat(second.getImageId()).isEqualTo(first.getImageId());

        Path changed = TestBootJars.write(dir.resolve("jar/demo-1.0.jar"), "demo.Main", java.util.Map.of(
                "BOOT-INF/classes/demo/Main.class", "class Main, changed".getBytes(),
                "BOOT-INF/classpath.idx", new byte[0]));
        assertThat(buildToTar(changed, dir.resolve("third"), null).getDigest()).isNotEqualTo(first.getDigest());
    }

    private ContainerBuildPlan plan(Component component, String base, Path work) throws Exception {
        Path jar = TestBootJars.demo(Files.createDirectories(dir.resolve("jar-" + component.module())));
        BootJar bootJar = BootJar.read(jar);
        BootJar.Extracted files = bootJar.extract(work.resolve("files"));
        return builder(base).containerBuilder(component, bootJar, files, work).toContainerBuildPlan();
    }

    /** Builds on scratch into a tar; {@code touched}: set every extracted file's time to it first. */
    private JibContainer buildToTar(Path jar, Path work, Instant touched) throws Exception {
        BootJar bootJar = BootJar.read(jar);
        BootJar.Extracted files = bootJar.extract(work.resolve("files"));
        if (touched != null) {
            try (Stream<Path> paths = Files.walk(work.resolve("files"))) {
                paths.forEach(file -> touch(file, touched));
            }
        }
        return builder("scratch").containerBuilder(Component.BUILD_FARM, bootJar, files, work)
                .containerize(Containerizer.to(TarImage.at(work.resolve("image.tar")).named("demo:1.2.3"))
                        .setApplicationLayersCache(work.resolve("cache")).setBaseImageLayersCache(work.resolve("cache")));
    }

    private static ImageBuilder builder(String base) {
        return new ImageBuilder(new ImageBuilder.Settings("registry.example:5000", "skyport", "1.2.3", List.of(),
                base, null, false, null), message -> { });
    }

    private static List<FileEntry> entries(ContainerBuildPlan plan) {
        return plan.getLayers().stream().flatMap(layer -> ((FileEntriesLayer) layer).getEntries().stream()).toList();
    }

    private static List<String> paths(ContainerBuildPlan plan, String layer) {
        return plan.getLayers().stream().filter(l -> l.getName().equals(layer))
                .flatMap(l -> ((FileEntriesLayer) l).getEntries().stream())
                .filter(e -> !Files.isDirectory(e.getSourceFile()))
                .map(e -> e.getExtractionPath().toString()).toList();
    }

    private static void touch(Path file, Instant time) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
