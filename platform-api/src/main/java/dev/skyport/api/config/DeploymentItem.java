package dev.skyport.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One checked deployment item of {@code skygear.yaml}, or the {@code item} of a deploy request.
 *
 * @param name           the microservice name (a DNS label)
 * @param type           what it is; only {@link ItemType#HTTP_SERVICE}
 * @param path           the route prefix, normalized ({@code /api/} becomes {@code /api})
 * @param port           the port the image listens on, 1..65535
 * @param context        the build context relative to {@code skygear.yaml}; {@code null} in a JSON item
 * @param dockerfile     the Dockerfile relative to the context as written, or {@code null} for the default
 *                       (always {@code null} when {@link #runtime} is set)
 * @param command        the command that overrides the image's default, split into words; empty for none
 * @param runtime        the runtime template's name, or {@code null} for a Dockerfile build
 * @param runtimeVersion the runtime version as written, or {@code null} for the runtime's default
 * @param environment    environment variables in the order written
 * @param healthCheck    the HTTP health check, or {@code null} for a TCP check on the port
 */
public record DeploymentItem(
        String name,
        ItemType type,
        String path,
        int port,
        String context,
        String dockerfile,
        List<String> command,
        String runtime,
        String runtimeVersion,
        Map<String, String> environment,
        HealthCheck healthCheck) {

    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    public DeploymentItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        command = command == null ? List.of() : List.copyOf(command);
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        if (runtime != null && dockerfile != null) {
            throw new IllegalArgumentException("dockerfile and runtime exclude each other");
        }
    }

    public boolean usesRuntime() {
        return runtime != null;
    }

    /** The Dockerfile relative to the context: the one written, {@code Dockerfile}, or the template's for a runtime. */
    public String dockerfileOrDefault() {
        return dockerfile != null ? dockerfile : DEFAULT_DOCKERFILE;
    }

    /** The same item with the runtime version the catalog resolved (sent to the build farm for provenance). */
    public DeploymentItem withRuntimeVersion(String version) {
        return new DeploymentItem(name, type, path, port, context, dockerfile, command, runtime, version,
                environment, healthCheck);
    }
}
