package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.util.List;

/** The records one status change writes together: the microservice and the deployments it moved. */
record Change(Microservice microservice, List<StoredDeployment> deployments) {

    Change {
        deployments = List.copyOf(deployments);
    }

    static Change of(Microservice microservice, StoredDeployment... deployments) {
        return new Change(microservice, List.of(deployments));
    }

    /** The deployment this change is about (the first one). */
    StoredDeployment deployment() {
        return deployments.get(0);
    }
}
