package dev.skyport.buildfarm.record;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.buildfarm.runtime.InstanceRef;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A deployment as the build farm keeps it: the API record plus what it needs to build and run it again.
 *
 * @param item     the checked deployment item, canonical JSON
 * @param path     the normalized route prefix
 * @param instance the running (or stopped) instance, once one was started
 * @param templateDigest the runtime template's {@code sha256:<hex>} the build passes on, or null
 */
public record StoredDeployment(Deployment deployment, JsonNode item, String path, InstanceRef instance,
                               String templateDigest) {

    public StoredDeployment {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(path, "path");
    }

    public String id() {
        return deployment.id();
    }

    public DeploymentStatus status() {
        return deployment.status();
    }

    public StoredDeployment moveTo(DeploymentStatus to, String message, Instant now) {
        return new StoredDeployment(deployment.moveTo(to, message, now), item, path, instance, templateDigest);
    }

    public StoredDeployment withImage(String image, Instant now) {
        return new StoredDeployment(deployment.withImage(image, now), item, path, instance, templateDigest);
    }

    public StoredDeployment withInstance(InstanceRef newInstance) {
        return new StoredDeployment(deployment, item, path, newInstance, templateDigest);
    }
}
