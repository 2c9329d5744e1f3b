package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** A live object made fit to apply again: without status and the server's bookkeeping fields. */
final class LiveObjects {

    private LiveObjects() {
    }

    static Deployment forApply(Deployment live) {
        return new DeploymentBuilder(live)
                .editMetadata().withResourceVersion(null).withManagedFields().withUid(null).withCreationTimestamp(null)
                .withGeneration(null).endMetadata()
                .withStatus(null)
                .build();
    }
}
