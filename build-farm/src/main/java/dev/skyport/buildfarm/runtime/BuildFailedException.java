package dev.skyport.buildfarm.runtime;

/** The image could not be built, pushed or verified; the message says which step failed and why. */
public class BuildFailedException extends RuntimeException {

    public BuildFailedException(String message) {
        super(message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
