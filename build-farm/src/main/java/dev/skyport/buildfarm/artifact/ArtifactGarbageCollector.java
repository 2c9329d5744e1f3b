package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.record.RecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes artifacts that no deployment record refers to once they have been unused for
 * {@code gc-min-age}, and uploads a crash left half-written in {@code tmp/}.
 */
@Component
public class ArtifactGarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(ArtifactGarbageCollector.class);

    private static final Duration TEMP_MIN_AGE = Duration.ofHours(6);

    private final ArtifactStore store;
    private final RecordStore records;
    private final ArtifactProperties properties;
    private final Clock clock;

    public ArtifactGarbageCollector(ArtifactStore store, RecordStore records, ArtifactProperties properties,
                                    Clock clock) {
        this.store = store;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${skyport.build-farm.artifacts.gc-interval:1h}",
            fixedDelayString = "${skyport.build-farm.artifacts.gc-interval:1h}")
    public void scheduled() {
        try {
            collect();
        } catch (RuntimeException | IOException e) {
            log.warn("artifact garbage collection failed: {}", e.toString());
        }
    }

    /** One pass; returns how many artifacts it removed. */
    public int collect() throws IOException {
        Instant cutoff = clock.instant().minus(properties.gcMinAge());
        FileTime cutoffTime = FileTime.from(cutoff);
        Set<String> referenced = records.referencedArtifacts();
        int removed = 0;
        for (ArtifactStore.StoredFile file : store.list()) {
            if (file.lastUsed().compareTo(cutoffTime) >= 0 || referenced.contains(file.app() + "/" + file.sha256())) {
                continue;
            }
            store.delete(file.app(), file.sha256());
            removed++;
            log.info("removed unreferenced artifact {}/{} (unused since {})", file.app(), file.sha256(),
                    file.lastUsed());
        }
        // An upload still in progress must survive even a short gc-min-age.
        Instant tempCutoff = clock.instant().minus(properties.gcMinAge().compareTo(TEMP_MIN_AGE) > 0
                ? properties.gcMinAge() : TEMP_MIN_AGE);
        for (Path stale : store.staleTempFiles(FileTime.from(tempCutoff))) {
            Files.deleteIfExists(stale);
        }
        return removed;
    }
}
