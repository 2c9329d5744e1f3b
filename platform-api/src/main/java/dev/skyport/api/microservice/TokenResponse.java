package dev.skyport.api.microservice;

import java.time.Instant;

/**
 * The new token, shown in clear only in this answer.
 *
 * @param id        what {@code GET /v1/tokens} lists and {@code DELETE /v1/tokens/{id}} revokes
 * @param expiresAt after this instant the token is refused
 */
public record TokenResponse(String token, String id, String scope, Instant expiresAt) {
}
