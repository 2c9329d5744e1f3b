package dev.skyport.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootJarTest {

    @TempDir
    Path dir;

    @Test
    void readsTheMainClassAndTheClasspathInOrderWithEachJarsKind() throws IOException {
        BootJar jar = BootJar.read(TestBootJars.demo(dir));

        assertThat(jar.mainClass()).isEqualTo("demo.Main");
        assertThat(jar.libraries()).containsExactly(
                entry("platform-api-0.1.0-SNAPSHOT.jar", BootJar.Kind.PROJECT_DEPENDENCY),
                entry("lib-b-2.0-SNAPSHOT.jar", BootJar.Kind.SNAPSHOT_DEPENDENCY),
                entry("lib-a-1.0.jar", BootJar.Kind.DEPENDENCY));
    }

    @Test
    void extractsJarsClassesAndResourcesApartAndLeavesOutTheLauncherAndTheJarmodeTools() throws IOException {
        BootJar.Extracted files = BootJar.read(TestBootJars.demo(dir)).extract(dir.resolve("out"));

        assertThat(names(files.libs())).containsExactlyInAnyOrder(
                "lib-a-1.0.jar", "lib-b-2.0-SNAPSHOT.jar", "platform-api-0.1.0-SNAPSHOT.jar");
        assertThat(names(files.classes())).containsExactlyInAnyOrder("demo/Main.class", "demo/web/Handler.class");
        assertThat(names(files.resources())).containsExactlyInAnyOrder(
                "application.yml", "templates/python/3.11/Dockerfile");
        assertThat(Files.readString(files.libs().resolve("lib-a-1.0.jar"))).isEqualTo("jar a");
        assertThat(dir.resolve("out/org")).doesNotExist();
    }

    @Test
    void extractingAgainStartsFromAnEmptyDirectory() throws IOException {
        BootJar jar = BootJar.read(TestBootJars.demo(dir));
        Files.createDirectories(dir.resolve("out/classes/stale"));
        Files.writeString(dir.resolve("out/classes/stale/Old.class"), "old");

        BootJar.Extracted files = jar.extract(dir.resolve("out"));

        assertThat(names(files.classes())).doesNotContain("stale/Old.class");
    }

    @Test
    void aPlainJarIsRefusedWithTheReason() throws IOException {
        Path plain = TestBootJars.write(dir.resolve("plain.jar"), null, Map.of("demo/Main.class", new byte[1]));

        assertThatThrownBy(() -> BootJar.read(plain))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a Spring Boot executable jar");
    }

    @Test
    void aMissingJarSaysHowToMakeIt() {
        assertThatThrownBy(() -> BootJar.read(dir.resolve("gateway/target/gateway-1.0.jar")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("package");
    }

    @Test
    void aClasspathIndexNamingAJarTheJarLacksIsRefused() throws IOException {
        Path jar = TestBootJars.write(dir.resolve("broken.jar"), "demo.Main", Map.of(
                "BOOT-INF/classes/demo/Main.class", new byte[1],
                "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/gone-1.0.jar\"\n".getBytes()));

        assertThatThrownBy(() -> BootJar.read(jar).extract(dir.resolve("out")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("gone-1.0.jar");
    }

    private static java.util.List<String> names(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
