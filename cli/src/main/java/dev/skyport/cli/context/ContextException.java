package dev.skyport.cli.context;

/** A build context that cannot be sent as it is; the message names the path and the fix. */
public class ContextException extends RuntimeException {

    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
