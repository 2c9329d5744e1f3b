package dev.skyport.cli;

/** Ends a command with an exit code and a message for the person running it (printed on stderr). */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    public static CliFailure failed(String message) {
        return new CliFailure(ExitCodes.FAILED, message);
    }

    public static CliFailure unreachable(String message, Throwable cause) {
        return new CliFailure(ExitCodes.UNREACHABLE, message, cause);
    }
}
