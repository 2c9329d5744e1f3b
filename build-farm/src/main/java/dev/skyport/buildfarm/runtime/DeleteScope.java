package dev.skyport.buildfarm.runtime;

/** What {@link RuntimeDriver#delete} removes. */
public sealed interface DeleteScope permits DeleteScope.OneDeployment, DeleteScope.WholeMicroservice {

    /** The instance of one deployment and what the driver keeps locally for it (a local image). */
    record OneDeployment(MicroserviceKey microservice, String deploymentId) implements DeleteScope {
    }

    /** Every instance and local leftover of a microservice. */
    record WholeMicroservice(MicroserviceKey microservice) implements DeleteScope {
    }
}
