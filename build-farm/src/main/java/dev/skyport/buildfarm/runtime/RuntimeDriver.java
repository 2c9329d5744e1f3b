package dev.skyport.buildfarm.runtime;

import dev.skyport.api.microservice.InstanceLogLine;
import reactor.core.publisher.Flux;

/**
 * Builds images and runs instances on one platform: the Docker Engine (one machine) or Kubernetes (a
 * build Job with Docker-in-Docker; a Deployment and a Service). Calls block; the lifecycle makes them
 * on its own threads and never while it holds a microservice's lock, so a slow call (an API server, a
 * rollout) delays only the work that waits for its answer.
 *
 * <p>One driver loads per build farm, chosen by {@code skyport.build-farm.runtime.driver}; see
 * {@link ConditionalOnDriver}. Every driver builds with no registry credentials and pushes only after
 * the build, with them. The lifecycle then checks the pushed manifest in the registry (the same step
 * for every driver) and runs images by digest.
 */
public interface RuntimeDriver {

    /** The value of {@code skyport.build-farm.runtime.driver} that selects this driver. */
    String name();

    /** Builds and pushes the image of one deployment; lines of the build go to {@code log}. */
    PushedImage build(BuildSpec spec, BuildLog log, BuildCancellation cancellation);

    /** Starts a new instance and returns once it is ready; throws {@link DeployFailedException} otherwise. */
    RunningInstance run(RunSpec spec, BuildLog log);

    /** Stops an instance, keeping it so that {@link #start} can run it again. Stopping twice is harmless. */
    void stop(InstanceRef instance);

    /** Runs the deployment's instance again (creating it when it vanished) and returns once it is ready. */
    RunningInstance start(RunSpec spec, BuildLog log);

    /** Removes instances and local leftovers. Removing what is already gone is harmless. */
    void delete(DeleteScope scope);

    /** What exists for a microservice right now. */
    Observation observe(MicroserviceKey microservice);

    /**
     * What the microservice's instances write to stdout and stderr, each instance's lines in order.
     * Nothing subscribes to a source until the Flux is subscribed; cancelling closes every source. The
     * Flux pushes lines as they come (it does not wait for demand): the caller bounds what it buffers.
     * Following, instances that start during the stream are picked up, and the Flux ends only when
     * cancelled. The only call that returns at once and works as the Flux is consumed.
     */
    Flux<InstanceLogLine> instanceLogs(MicroserviceKey microservice, InstanceLogQuery query);
}
