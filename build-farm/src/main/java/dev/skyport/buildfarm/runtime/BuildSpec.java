package dev.skyport.buildfarm.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to build.
 *
 * @param artifact   the build context, a tar.gz
 * @param dockerfile the Dockerfile's path inside the context
 * @param timeout    the build (without the push) fails when it takes longer
 */
public record BuildSpec(MicroserviceKey microservice, String deploymentId, Path artifact, String dockerfile,
                        Duration timeout) {
}
