package dev.skyport.api.microservice;

import java.time.Instant;

/**
 * A stored token as {@code GET /v1/tokens} lists it: never the token itself.
 *
 * @param revokedAt when it was revoked, or {@code null}
 */
public record TokenInfo(String id, String scope, String description, Instant createdAt, Instant expiresAt,
                        Instant revokedAt) {

    /** {@code active}, {@code expired} or {@code revoked}, as of {@code now}. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }
}
