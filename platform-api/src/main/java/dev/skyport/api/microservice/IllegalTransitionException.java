package dev.skyport.api.microservice;

/** A status change the status machine does not allow; a bug in the caller, never a user error. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
