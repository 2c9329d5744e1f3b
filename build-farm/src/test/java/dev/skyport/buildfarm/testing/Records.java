package dev.skyport.buildfarm.testing;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.time.Instant;

/** Writes records straight into the store, for tests about what refers to what (no build needed). */
public final class Records {

    private Records() {
    }

    /** A microservice whose only deployment (queued) uses {@code artifact}. */
    public static StoredDeployment queuedDeployment(RecordStore records, String app, String name, String id,
                                                    String artifact) {
        Instant now = Instant.now();
        StoredDeployment deployment = new StoredDeployment(Deployment.queued(id, app, name, artifact, now),
                BuildFarmClient.item("/" + name, 8080), "/" + name, null, null);
        records.save(Microservice.firstDeploy(app, name, id, now), deployment);
        return deployment;
    }
}
