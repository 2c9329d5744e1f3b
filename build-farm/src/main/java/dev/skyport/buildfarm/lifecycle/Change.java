package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.util.List;

/**
 * The records one status change writes together: the microservice and the deployments it moved, in the
 * order they moved (a deployment may appear once per step; the last is what is stored).
 */
record Change(Microservice microservice, List<StoredDeployment> deployments) {

    Change {
        deployments = List.copyOf(deployments);
    }

    static Change of(Microservice microservice, StoredDeployment... deployments) {
        return new Change(microservice, List.of(deployments));
    }

    /**
     * The deployment this change is about (the first one), as the change leaves it: a deployment that
     * moves twice in one change (built, then stopped) is listed once per step.
     */
    StoredDeployment deployment() {
        String id = deployments.get(0).id();
        StoredDeployment last = null;
        for (StoredDeployment deployment : deployments) {
            if (deployment.id().equals(id)) {
                last = deployment;
            }
        }
        return last;
    }
}
