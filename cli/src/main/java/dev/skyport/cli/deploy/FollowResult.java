package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.DeploymentStatus;

/**
 * How following a build log ended.
 *
 * @param status  the last status event's status, or {@code null} when none came
 * @param message the last status event's message
 */
public record FollowResult(DeploymentStatus status, String message) {

    /** Whether the deployment reached a status that ends waiting for it. */
    public boolean finished() {
        return status != null && status.endsWaiting();
    }
}
