package dev.skyport.buildfarm.runtime;

/**
 * An instance a driver started for a deployment.
 *
 * @param driverId the driver's own handle (a container id, a Kubernetes object name)
 */
public record InstanceRef(MicroserviceKey microservice, String deploymentId, String driverId) {
}
