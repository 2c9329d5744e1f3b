package dev.skyport.buildfarm.runtime;

import java.util.List;
import java.util.Optional;

/** Everything a driver has for one microservice: its instances, running or not. */
public record Observation(MicroserviceKey microservice, List<ObservedInstance> instances) {

    public Observation {
        instances = List.copyOf(instances);
    }

    public Optional<ObservedInstance> of(String deploymentId) {
        return instances.stream().filter(i -> i.ref().deploymentId().equals(deploymentId)).findFirst();
    }
}
