package dev.skyport.buildfarm.pipeline;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** One {@link MicroserviceLane} per microservice, made on first use and kept (they are tiny). */
@Component
public class Lanes {

    private final ConcurrentMap<MicroserviceKey, MicroserviceLane> lanes = new ConcurrentHashMap<>();

    public MicroserviceLane of(MicroserviceKey key) {
        return lanes.computeIfAbsent(key, MicroserviceLane::new);
    }

    Collection<MicroserviceLane> all() {
        return lanes.values();
    }
}
