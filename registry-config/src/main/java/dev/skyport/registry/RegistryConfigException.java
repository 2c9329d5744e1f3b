package dev.skyport.registry;

/** Registry settings or credentials that cannot be used; the message says what is wrong and how to fix it. */
public class RegistryConfigException extends RuntimeException {

    public RegistryConfigException(String message) {
        super(message);
    }

    public RegistryConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
