package dev.skyport.buildfarm.runtime;

/**
 * Builds images and runs instances. One implementation per platform: the Docker Engine (one machine)
 * now, Kubernetes (a build Job with Docker-in-Docker; a Deployment and a Service) later. Calls block;
 * the pipeline runs them on its own threads.
 *
 * <p>Every implementation builds with no registry credentials, pushes only after the build with the
 * registry credentials, checks the pushed manifest in the registry, and runs images by digest.
 */
public sealed interface RuntimeDriver permits DockerEngineDriver {

    /** Builds, pushes and verifies the image of one deployment; lines of the build go to {@code log}. */
    BuiltImage build(BuildSpec spec, BuildLog log, BuildCancellation cancellation);

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
}
