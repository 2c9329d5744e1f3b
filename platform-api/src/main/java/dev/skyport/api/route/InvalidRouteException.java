package dev.skyport.api.route;

/** A route value in Redis that cannot be used; the message says what is wrong with it. */
public class InvalidRouteException extends RuntimeException {

    public InvalidRouteException(String message, Throwable cause) {
        super(message, cause);
    }
}
