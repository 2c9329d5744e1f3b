package dev.skyport.api.microservice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where one deployment (one artifact built and run) stands. Moves only as {@link StatusMachine} allows. */
public enum DeploymentStatus {
    /** Accepted, waiting for its turn (builds of a microservice run one at a time). */
    QUEUED,
    BUILDING,
    BUILD_FAILED,
    /** The image is built, pushed and verified; the instance is starting. */
    BUILT,
    RUNNING,
    DEPLOY_FAILED,
    /** A newer deployment of the same microservice replaced this one. */
    SUPERSEDED,
    STOPPED;

    /** The name on the wire: {@code build_failed}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeploymentStatus fromWireName(String wire) {
        for (DeploymentStatus status : values()) {
            if (status.wireName().equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown deployment status '" + wire + "'");
    }

    /** Whether a client waiting for the outcome of this deployment can stop waiting. */
    public boolean endsWaiting() {
        return switch (this) {
            case RUNNING, BUILD_FAILED, DEPLOY_FAILED, SUPERSEDED, STOPPED -> true;
            case QUEUED, BUILDING, BUILT -> false;
        };
    }

    /** Whether the build farm still has work to do for it (what a restart must resume or fail). */
    public boolean inFlight() {
        return this == QUEUED || this == BUILDING || this == BUILT;
    }
}
