package dev.skyport.registry.client;

/** What {@code GET /v2/} said. */
public record PingResult(Outcome outcome, int status, String detail) {

    public enum Outcome {
        /** Reached, and the credentials were accepted. */
        OK,
        /** Reached, but the credentials were refused (401). */
        UNAUTHORIZED,
        /** Reached, but it answered something else. */
        UNEXPECTED,
        /** Not reached: refused, timed out, unknown host. */
        UNREACHABLE
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
