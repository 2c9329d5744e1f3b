package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.runtime.MicroserviceKey;

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
        NOTHING_TO_START
    }

    private final Reason reason;
    private final MicroserviceKey microservice;
    private final String deploymentId;

    LifecycleRefusal(Reason reason, MicroserviceKey microservice, String message, String deploymentId) {
        super(message);
        this.reason = reason;
        this.microservice = microservice;
        this.deploymentId = deploymentId;
    }

    public Reason reason() {
        return reason;
    }

    public MicroserviceKey microservice() {
        return microservice;
    }

    /** The deployment concerned, or null. */
    public String deploymentId() {
        return deploymentId;
    }
}
