package dev.skyport.buildfarm.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * What to build.
 *
 * @param context    the build context (a tar.gz), as a local file or a single-use URL
 * @param dockerfile the Dockerfile's path inside the context
 * @param timeout    the build (without the push) fails when it takes longer
 * @param buildArgs  {@code --build-arg}s, e.g. a runtime template's {@code SKYPORT_TEMPLATE_DIGEST}
 * @param cacheFrom  the microservice's last built image (by digest), whose layers a build with no local
 *                   cache may reuse; null when there is none
 */
public record BuildSpec(MicroserviceKey microservice, String deploymentId, BuildContext context, String dockerfile,
                        Duration timeout, Map<String, String> buildArgs, String cacheFrom) {

    public BuildSpec {
        buildArgs = Map.copyOf(buildArgs);
    }
}
