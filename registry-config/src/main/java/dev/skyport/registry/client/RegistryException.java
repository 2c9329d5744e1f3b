package dev.skyport.registry.client;

/** A registry call that failed; {@link #status()} is the HTTP status, or 0 when the registry was not reached. */
public class RegistryException extends RuntimeException {

    private final int status;

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
