package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.List;

/**
 * The lifecycle refused a request, for a reason the caller can act on. Controllers turn it into an HTTP
 * answer; the lifecycle knows nothing of HTTP.
 */
public final class LifecycleRefusal extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** The microservice does not exist (or was deleted meanwhile). */
        NOT_FOUND,
        /** A deployment is building or starting; {@link #deploymentId()} names it. */
        IN_PROGRESS,
        /** There is no built version that can run again. */
        NOTHING_TO_START,
        /** A rollback named a deployment the microservice does not have. */
        DEPLOYMENT_NOT_FOUND,
        /** A rollback named a deployment that cannot run again: the current one, or one never built. */
        NOT_A_ROLLBACK_TARGET,
        /** A rollback named a deployment whose image the registry's retention removed. */
        IMAGE_NOT_RETAINED,
        /** A rollback found no earlier deployment to run. */
        NOTHING_TO_ROLL_BACK_TO,
        /** A rollback of a stopped microservice. */
        STOPPED
    }

    private final Reason reason;
    private final MicroserviceKey microservice;
    private final String deploymentId;
    private final List<String> rollbackTargets;

    LifecycleRefusal(Reason reason, MicroserviceKey microservice, String message, String deploymentId) {
        this(reason, microservice, message, deploymentId, List.of());
    }

    LifecycleRefusal(Reason reason, MicroserviceKey microservice, String message, String deploymentId,
                     List<String> rollbackTargets) {
        super(message);
        this.reason = reason;
        this.microservice = microservice;
        this.deploymentId = deploymentId;
        this.rollbackTargets = List.copyOf(rollbackTargets);
    }

    public Reason reason() {
        return reason;
    }

    public MicroserviceKey microservice() {
        return microservice;
    }

    /** For a refused rollback: the deployments it can reach, newest first. */
    public List<String> rollbackTargets() {
        return rollbackTargets;
    }

    /** The deployment concerned, or null. */
    public String deploymentId() {
        return deploymentId;
    }
}
