package dev.skyport.api.microservice;

import java.time.Instant;

/**
 * A deployment a rollback can run again: it was built, and the registry still holds its image.
 *
 * @param deployment its id
 * @param artifact   the sha256 of the source it was built from
 * @param image      the image by digest
 * @param createdAt  when it was deployed
 */
public record RollbackTarget(String deployment, String artifact, String image, Instant createdAt) {
}
