package dev.skyport.api.config;

import java.util.Objects;

/** An HTTP readiness/liveness check on {@code path}; without one the platform checks TCP on the port. */
public record HealthCheck(String path) {

    public HealthCheck {
        Objects.requireNonNull(path, "path");
    }
}
