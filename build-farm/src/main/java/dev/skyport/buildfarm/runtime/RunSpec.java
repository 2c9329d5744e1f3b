package dev.skyport.buildfarm.runtime;

import java.util.List;
import java.util.Map;

/**
 * What to run.
 *
 * @param image           the image by digest
 * @param port            the port the image listens on; also given to it as {@code PORT}
 * @param command         replaces the image's entrypoint and command when not empty
 * @param environment     extra environment variables
 * @param healthCheckPath HTTP path that must answer 2xx/3xx, or {@code null} for a TCP check on the port
 */
public record RunSpec(MicroserviceKey microservice, String deploymentId, String image, int port,
                      List<String> command, Map<String, String> environment, String healthCheckPath) {

    public RunSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
