package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import org.springframework.stereotype.Component;

/**
 * Writes status changes: first a {@code status} event into each changed deployment's log, then the
 * records in one transaction. In that order, a client that sees a final status in a record is sure to
 * find its event in the log.
 */
@Component
public class Commits {

    private final RecordStore records;
    private final BuildLogs logs;

    public Commits(RecordStore records, BuildLogs logs) {
        this.records = records;
        this.logs = logs;
    }

    /** Saves the microservice and the deployments whose status or message changed. */
    public void save(Microservice microservice, StoredDeployment... changed) {
        for (StoredDeployment deployment : changed) {
            logs.status(deployment.id(), deployment.status(), deployment.deployment().message());
        }
        records.save(microservice, changed);
    }

    /** Saves the records of one status change. */
    void save(Change change) {
        save(change.microservice(), change.deployments().toArray(StoredDeployment[]::new));
    }

    /** Saves a microservice alone (no deployment changed). */
    public void save(Microservice microservice) {
        records.save(microservice);
    }
}
