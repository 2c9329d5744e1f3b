package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.DeploymentStatus;

/**
 * How one item's deploy ended.
 *
 * @param item    the item
 * @param status  the final deployment status
 * @param message the build farm's message for it
 * @param url     where it serves, when it runs
 */
public record DeployOutcome(String item, DeploymentStatus status, String message, String url) {

    public boolean succeeded() {
        return status == DeploymentStatus.RUNNING;
    }
}
