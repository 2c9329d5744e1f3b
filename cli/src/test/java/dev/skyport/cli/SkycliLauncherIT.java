package dev.skyport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/skycli as a user runs it: a separate process on the packaged jar. */
class SkycliLauncherIT {

    @TempDir
    Path dir;

    @Test
    void runsTheJarAndPrintsItsVersion() throws Exception {
        Process process = run(List.of("--version"));

        assertThat(output(process)).startsWith("skycli 0.1.0-SNAPSHOT");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void exitsWithTheCommandsCodeAndStaysWithinASmallHeap() throws Exception {
        Projects.dockerfileApp(dir);
        assertThat(output(run(List.of("config", "validate")))).contains("skygear.yaml is valid");

        Projects.write(dir, "skygear.yaml", "app: shop\ndeployments:\n  api: {type: worker}\n");
        Process invalid = run(List.of("config", "validate"));
        assertThat(output(invalid)).contains("type 'worker' is not supported");
        assertThat(invalid.exitValue()).isEqualTo(2);
    }

    @Test
    void writesTheSameArchiveAsTheInProcessCommand() throws Exception {
        Projects.dockerfileApp(dir);
        Process process = run(List.of("context", "archive", "--to", "out.tar.gz"));
        String printed = output(process);
        assertThat(process.exitValue()).as(printed).isZero();

        CliRun inProcess = new CliRun(dir.resolve("in-process"));
        Projects.dockerfileApp(inProcess.workingDirectory());
        String sha256 = printed.substring(printed.indexOf("sha256 ") + 7).strip();
        assertThat(inProcess.run("context", "archive", "--to", "out.tar.gz").out()).endsWith("sha256 " + sha256 + "\n");
    }

    /**
     * Without a terminal skycli never prompts, on any JDK installed here (JDK 22 to 24 hand out a
     * System.console() even for redirected streams; 17 and 25 do not).
     */
    @Test
    void redirectedOutputIsNoTerminalOnEveryInstalledJdk() throws Exception {
        Projects.dockerfileApp(dir);
        List<Path> jdks;
        try (var listing = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks = listing.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).toList();
        } catch (IOException noJvmDirectory) {
            jdks = List.of();
        }
        for (Path jdk : jdks) {
            ProcessBuilder builder = launcher(List.of("app", "delete", "api"))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH"));
            builder.environment().put("SKYPORT_ENDPOINT", "http://127.0.0.1:9");
            builder.environment().put("SKYPORT_TOKEN", "unused");
            Process process = builder.start();
            String printed = output(process);
            assertThat(printed).as(jdk.toString()).contains("needs confirmation").doesNotContain("[y/N]");
            assertThat(process.exitValue()).as(jdk.toString()).isEqualTo(2);
        }
    }

    private Process run(List<String> args) throws IOException {
        return launcher(args).start();
    }

    private ProcessBuilder launcher(List<String> args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(RepositoryRoot.find().resolve("bin/skycli").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("SKYPORT_HOME", Files.createDirectories(dir.resolve(".skyport-home")).toString());
        builder.environment().remove("SKYPORT_ENDPOINT");
        builder.environment().remove("SKYPORT_TOKEN");
        builder.environment().put("SKYCLI_JAVA_OPTS", "-Xmx64m");
        return builder;
    }

    private static String output(Process process) throws Exception {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("skycli finished").isTrue();
        return text;
    }
}
