package dev.skyport.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything skycli takes from the process around it, so tests and the end-to-end suite can run it
 * in-process with their own streams, variables and directory.
 *
 * @param out              standard output (results: lists, tables, JSON, the deploy's final line)
 * @param err              standard error (problems, warnings, summaries)
 * @param in               standard input (the delete confirmation)
 * @param variables        environment variables ({@code SKYPORT_ENDPOINT}, {@code SKYPORT_TOKEN},
 *                         {@code SKYPORT_HOME}, {@code HOME})
 * @param workingDirectory where relative paths start
 * @param interactive      whether a person is at a terminal (progress bar, confirmation prompt)
 */
public record CliEnvironment(PrintStream out, PrintStream err, InputStream in, Map<String, String> variables,
                             Path workingDirectory, boolean interactive) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** The real process: {@code System.out}, {@code System.err}, the environment, the current directory. */
    public static CliEnvironment system() {
        return new CliEnvironment(
                new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                System.in,
                System.getenv(),
                Path.of(""),
                onATerminal());
    }

    /**
     * Whether standard input and output are a terminal. From JDK 22 on, {@code System.console()} exists
     * even when output is redirected; {@code Console.isTerminal()} (JDK 22+) then tells the truth.
     */
    static boolean onATerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
