package dev.skyport.api.microservice;

import java.time.Instant;
import java.util.Objects;

/**
 * One deploy of one artifact to one microservice, as the API shows it.
 *
 * @param id       {@code d-20261122t030000-7f3a}; also the image tag
 * @param artifact the sha256 of the build context
 * @param message  for a person: what happens or what went wrong
 * @param image    the image by digest once built and pushed, else {@code null}
 */
public record Deployment(String id, String app, String microservice, String artifact, DeploymentStatus status,
                         String message, String image, Instant createdAt, Instant updatedAt) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(microservice, "microservice");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        message = message == null ? "" : message;
    }

    public static Deployment queued(String id, String app, String microservice, String artifact, Instant now) {
        return new Deployment(id, app, microservice, artifact, DeploymentStatus.QUEUED,
                "waiting for its turn to build", null, now, now);
    }

    /** This deployment in status {@code to}; throws {@link IllegalTransitionException} when the machine forbids it. */
    public Deployment moveTo(DeploymentStatus to, String newMessage, Instant now) {
        StatusMachine.check("deployment " + id, status, to);
        return new Deployment(id, app, microservice, artifact, to, newMessage, image, createdAt, now);
    }

    public Deployment withImage(String newImage, Instant now) {
        return new Deployment(id, app, microservice, artifact, status, message, newImage, createdAt, now);
    }
}
