package dev.skyport.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged skycli as a developer does, in a project directory, with its own SKYPORT_HOME. */
public final class Skycli {

    /** What one command did. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path jar;
    private final Path home;
    private final URI endpoint;
    private final String token;

    Skycli(Path jar, Path home, URI endpoint, String token) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B -pl cli package -DskipTests");
        }
        this.jar = jar;
        this.home = home;
        this.endpoint = endpoint;
        this.token = token;
    }

    public Skycli withToken(String otherToken) {
        return new Skycli(jar, home, endpoint, otherToken);
    }

    /** Runs {@code skycli args...} in {@code project}; gives up after 5 minutes. */
    public Result run(Path project, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("skycli", ".out");
            Path err = Files.createTempFile("skycli", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().putAll(Map.of("SKYPORT_HOME", home.toString(),
                        "SKYPORT_ENDPOINT", endpoint.toString(), "SKYPORT_TOKEN", token));
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("skycli " + String.join(" ", args) + " did not end within 5 minutes:\n"
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while skycli ran", e);
        }
    }
}
