package dev.skyport.gateway.filter;

import java.time.Duration;

/**
 * An upstream exchange ran past one of its timeouts. Deliberately not an {@link java.io.IOException}: Reactor
 * Netty retries a request once on I/O errors of a reused connection, and a timed-out request must not be sent
 * twice.
 */
public final class UpstreamTimeoutException extends RuntimeException {

    public enum Kind {
        /** No response headers within the response timeout after the request body was sent. */
        RESPONSE,
        /** No bytes in either direction for the idle timeout. */
        IDLE
    }

    private final Kind kind;

    public UpstreamTimeoutException(Kind kind, Duration timeout) {
        super(kind == Kind.RESPONSE
                ? "no response headers within " + timeout.toMillis() + " ms after the request body was sent"
                : "no bytes moved in either direction for " + timeout.toMillis() + " ms", null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
