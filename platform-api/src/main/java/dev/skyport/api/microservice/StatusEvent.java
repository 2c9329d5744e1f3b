package dev.skyport.api.microservice;

/** The data of a {@code status} server-sent event in a deployment's log stream. */
public record StatusEvent(DeploymentStatus status, String message) {
}
