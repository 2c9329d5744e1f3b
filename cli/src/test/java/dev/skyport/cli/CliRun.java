package dev.skyport.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs skycli in-process against a private {@code SKYPORT_HOME} and working directory, as the
 * end-to-end tests do, and keeps what it printed.
 */
public final class CliRun {

    private final Path workingDirectory;
    private final Map<String, String> variables = new HashMap<>();
    private String input = "";
    private boolean interactive;

    public CliRun(Path root) throws IOException {
        this.workingDirectory = Files.createDirectories(root.resolve("work"));
        variables.put("SKYPORT_HOME", Files.createDirectories(root.resolve("skyport-home")).toString());
        variables.put("HOME", Files.createDirectories(root.resolve("home")).toString());
        variables.put("SKYCLI_RECONNECT_DELAY_MS", "10");
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Path home() {
        return Path.of(variables.get("SKYPORT_HOME"));
    }

    public CliRun env(String name, String value) {
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        return this;
    }

    public CliRun endpoint(String url) {
        return env("SKYPORT_ENDPOINT", url).env("SKYPORT_TOKEN", "test-token");
    }

    public CliRun input(String text, boolean atATerminal) {
        this.input = text;
        this.interactive = atATerminal;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), variables, workingDirectory,
                interactive);
        int code = SkyCli.run(args, environment);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
