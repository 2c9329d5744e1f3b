package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the newest {@code keep-deployments} deployment records (and their logs) of a microservice. It
 * runs after every final outcome, failures included: failed deployments otherwise pile up forever, each
 * with a log stream of up to tens of MB and an artifact the garbage collector may not remove.
 */
@Component
public class DeploymentRetention {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRetention.class);

    private final RecordStore records;
    private final BuildProperties builds;

    public DeploymentRetention(RecordStore records, BuildProperties builds) {
        this.records = records;
        this.builds = builds;
    }

    /** Best effort: a failure is logged and retried by the next outcome, never fails a deployment. */
    public void pruneQuietly(MicroserviceKey key) {
        try {
            prune(key);
        } catch (RuntimeException e) {
            log.warn("pruning deployment records of {} failed: {}", key, e.toString());
        }
    }

    /** Removes the oldest records beyond the limit; never the serving, the latest or an in-flight one. */
    public void prune(MicroserviceKey key) {
        Microservice microservice = records.microservice(key.app(), key.name()).orElse(null);
        if (microservice == null) {
            return;
        }
        List<StoredDeployment> all = records.deployments(key.app(), key.name());
        int excess = all.size() - builds.keepDeployments();
        for (StoredDeployment old : all) {
            if (excess <= 0) {
                break;
            }
            boolean inUse = old.id().equals(microservice.currentDeployment())
                    || old.id().equals(microservice.latestDeployment()) || old.status().inFlight();
            if (!inUse) {
                records.deleteDeployment(old);
                excess--;
            }
        }
    }
}
