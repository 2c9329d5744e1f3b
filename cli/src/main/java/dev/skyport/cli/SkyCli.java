package dev.skyport.cli;

import dev.skyport.api.config.InvalidConfigException;
import dev.skyport.cli.command.RootCommand;
import dev.skyport.cli.context.ContextException;
import dev.skyport.cli.ignore.InvalidIgnoreFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * skycli as a function: {@link #run} parses the arguments, runs the command against the given
 * environment and returns the exit code. {@link Main} wraps it for the process; tests call it directly.
 */
public final class SkyCli {

    private SkyCli() {
    }

    public static int run(String[] args, CliEnvironment environment) {
        return commandLine(new CliServices(environment)).execute(args);
    }

    /** The configured picocli command tree (also used to generate completion scripts). */
    public static CommandLine commandLine(CliServices services) {
        CommandLine commandLine = new CommandLine(RootCommand.class, new Factory(services));
        commandLine.setOut(new PrintWriter(services.out(), true));
        commandLine.setErr(new PrintWriter(services.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> handle(exception, services));
        return commandLine;
    }

    private static int handle(Exception exception, CliServices services) {
        if (exception instanceof CliFailure failure) {
            services.err().println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        if (exception instanceof InvalidConfigException invalid) {
            invalid.problems().forEach(p -> services.err().println("error: " + p.describe()));
            return ExitCodes.USAGE;
        }
        if (exception instanceof ContextException || exception instanceof InvalidIgnoreFileException) {
            services.err().println("error: " + exception.getMessage());
            return ExitCodes.USAGE;
        }
        if (exception instanceof IOException || exception instanceof UncheckedIOException) {
            services.err().println("error: " + exception.getMessage());
            return ExitCodes.FAILED;
        }
        services.err().println("error: skycli failed unexpectedly: " + exception);
        exception.printStackTrace(services.err());
        return ExitCodes.FAILED;
    }

    /** Builds commands with constructor injection of {@link CliServices}. */
    private record Factory(CliServices services) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliServices.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(services));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
