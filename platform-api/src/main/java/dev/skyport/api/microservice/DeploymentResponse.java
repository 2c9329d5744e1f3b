package dev.skyport.api.microservice;

/** {@code {"deployment": {...}}}. */
public record DeploymentResponse(Deployment deployment) {
}
