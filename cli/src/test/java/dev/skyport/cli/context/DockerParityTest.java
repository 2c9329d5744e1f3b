package dev.skyport.cli.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skyport.cli.ignore.IgnoreRules;
import dev.skyport.testing.DevServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds each case with the real Docker Engine (BuildKit, {@code FROM scratch} + {@code COPY . /ctx/}),
 * exports the container's filesystem and compares what arrived with what {@link ContextWalker} sends.
 *
 * <p>The engine here is Debian's 20.10, which predates two fixes that current Docker has. Those cases
 * are left out of the comparison by name (and asserted against current semantics in
 * {@link ContextWalkerTest}); {@link #engine2010DiffersExactlyWhereDocumented} proves the engine really
 * differs there, so the documented list stays true.
 */
class DockerParityTest {

    private static final Path DOCKER = Path.of("/usr/bin/docker");
    private static final Map<String, String> NOT_COMPARED_WITH_ENGINE_2010 = Map.of(
            ContextCases.WILDCARD_EXCEPTION_IN_EXCLUDED_DIRECTORY,
            "20.10 never applies a wildcard exception inside an excluded directory (docs/dockerignore.md)",
            ContextCases.PARENT_MATCH_AT_EVERY_DEPTH,
            "20.10 matches a pattern against one parent depth only (docs/dockerignore.md)");

    private static String dockerHost;

    @BeforeAll
    static void requireDockerEngine() {
        if (!Files.isExecutable(DOCKER)) {
            fail(DOCKER + " is missing: the parity test needs Debian's docker.io client (20.10, BuildKit without"
                    + " buildx). Install it with: apt-get install docker.io (scripts/dev-services up does)");
        }
        dockerHost = DevServices.get().dockerHost();
    }

    static List<ContextCase> comparedCases() {
        return ContextCases.all().stream().filter(c -> !NOT_COMPARED_WITH_ENGINE_2010.containsKey(c.name())).toList();
    }

    static List<ContextCase> engine2010Differences() {
        return ContextCases.all().stream().filter(c -> NOT_COMPARED_WITH_ENGINE_2010.containsKey(c.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparedCases")
    void sendsWhatTheDockerEngineCopies(ContextCase c, @TempDir Path dir) throws Exception {
        Path context = dir.resolve("context");
        c.create(context);

        List<String> docker = dockerCopies(context, dir);

        assertThat(walk(context)).containsExactlyInAnyOrderElementsOf(docker);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engine2010Differences")
    void engine2010DiffersExactlyWhereDocumented(ContextCase c, @TempDir Path dir) throws Exception {
        Path context = dir.resolve("context");
        c.create(context);

        List<String> docker = dockerCopies(context, dir);

        assertThat(walk(context)).as("current Docker semantics").containsExactlyInAnyOrderElementsOf(c.expected());
        assertThat(Set.copyOf(docker)).as("Engine 20.10 was documented to differ here (" + c.engine2010Note()
                + "); if it now agrees, update docs/dockerignore.md and compare this case again")
                .isNotEqualTo(Set.copyOf(c.expected()));
    }

    @Test
    void everyCaseLeftOutSaysWhy() {
        assertThat(ContextCases.all()).filteredOn(c -> c.engine2010Note() != null).extracting(ContextCase::name)
                .containsExactlyInAnyOrderElementsOf(NOT_COMPARED_WITH_ENGINE_2010.keySet());
    }

    private static List<String> walk(Path context) throws IOException {
        List<String> paths = new ArrayList<>();
        new ContextWalker(null, ContextLayer.of(context),
                IgnoreRules.read(context.resolve(".dockerignore"), ".dockerignore"), Set.of())
                .walk(e -> paths.add(e.kind() == EntryKind.DIRECTORY ? e.path() + "/" : e.path()));
        return paths;
    }

    /** Builds FROM scratch + COPY . /ctx/ with BuildKit and lists what the image holds under /ctx. */
    private static List<String> dockerCopies(Path context, Path work) throws Exception {
        Path dockerfileDir = Files.createDirectories(work.resolve("dockerfile"));
        Files.writeString(dockerfileDir.resolve("Dockerfile"), "FROM scratch\nCOPY . /ctx/\n");
        Path iidFile = work.resolve("iid");
        docker("build", "-q", "--iidfile", iidFile.toString(), "-f", dockerfileDir.resolve("Dockerfile").toString(),
                context.toString());
        String image = Files.readString(iidFile).strip();
        String container = docker("create", image, "/none").strip();
        try {
            return exportedCtx(container);
        } finally {
            docker("rm", "-f", container);
            docker("rmi", "-f", image);
        }
    }

    private static List<String> exportedCtx(String container) throws Exception {
        Process export = start("export", container);
        List<String> paths = new ArrayList<>();
        try (InputStream out = export.getInputStream(); TarArchiveInputStream tar = new TarArchiveInputStream(out)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("ctx/") && !name.equals("ctx/")) {
                    paths.add(name.substring("ctx/".length()));
                }
            }
        }
        finish(export, "export");
        return paths;
    }

    private static String docker(String... args) throws Exception {
        Process process = start(args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        finish(process, String.join(" ", args));
        return out;
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DOCKER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("DOCKER_HOST", dockerHost);
        builder.environment().put("DOCKER_BUILDKIT", "1");
        return builder.start();
    }

    private static void finish(Process process, String what) throws Exception {
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker " + what + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            fail("docker " + what + " failed (exit " + process.exitValue() + "): " + err);
        }
    }
}
