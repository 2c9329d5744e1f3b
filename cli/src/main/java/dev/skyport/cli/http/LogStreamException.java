package dev.skyport.cli.http;

/** A log stream could not be opened or broke off; following resumes it. */
public class LogStreamException extends RuntimeException {

    public LogStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
