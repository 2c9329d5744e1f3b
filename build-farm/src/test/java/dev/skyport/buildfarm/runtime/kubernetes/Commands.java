package dev.skyport.buildfarm.runtime.kubernetes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end (or a deadline), its stdout and stderr merged as a pod's log merges them. */
final class Commands {

    private Commands() {
    }

    /** The exit code, the merged output and how long the command took. */
    record Result(int exit, String output, long millis) {

        List<String> lines() {
            return output.lines().toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        Result requireSuccess(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " failed (exit " + exit + "):\n" + output);
            }
            return this;
        }
    }

    /**
     * Runs {@code command}. {@code environment} replaces the inherited one when not null; {@code stdin} is
     * a file to read, or none. A command still running at the deadline is destroyed (by its own PID).
     */
    static Result run(List<String> command, Map<String, String> environment, Path stdin, Duration timeout) {
        File output = null;
        try {
            output = File.createTempFile("skyport-command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output)
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.from(stdin.toFile()));
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; its output:\n" + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.delete();
            }
        }
    }

    /** The docker CLI against the Engine at {@code dockerHost}, with the rest of this JVM's environment. */
    static Result docker(String dockerHost, Duration timeout, String... arguments) {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put("DOCKER_HOST", dockerHost);
        environment.remove("DOCKER_CONFIG");
        List<String> command = new java.util.ArrayList<>();
        command.add("docker");
        command.addAll(List.of(arguments));
        return run(command, environment, null, timeout);
    }

    /** Whether {@code program} is on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
