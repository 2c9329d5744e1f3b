package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * One {@link Lane} per microservice, made on first use and kept (they are tiny), and whether the build
 * farm is shutting down: then work stops without writing anything, and the next start reconciles.
 */
@Component
class Lanes {

    private final ConcurrentMap<MicroserviceKey, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closing;

    Lane of(MicroserviceKey key) {
        return lanes.computeIfAbsent(key, Lane::new);
    }

    Collection<Lane> all() {
        return lanes.values();
    }

    boolean closing() {
        return closing;
    }

    /** Shutting down: no new work starts, builds in progress are cancelled. */
    void close() {
        closing = true;
        for (Lane lane : all()) {
            lane.withLock(() -> {
                if (lane.activeBuild() != null) {
                    lane.activeBuild().cancelForShutdown();
                }
            });
        }
    }
}
