package dev.skyport.api.microservice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a microservice stands: the state of its latest deployment, or of what serves. The record's
 * {@code currentDeployment} says what serves (a failed build leaves the previous version serving).
 */
public enum MicroserviceStatus {
    BUILDING,
    BUILD_FAILED,
    BUILT,
    RUNNING,
    DEPLOY_FAILED,
    STOPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MicroserviceStatus fromWireName(String wire) {
        for (MicroserviceStatus status : values()) {
            if (status.wireName().equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown microservice status '" + wire + "'");
    }
}
