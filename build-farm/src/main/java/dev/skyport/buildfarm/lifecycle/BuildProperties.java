package dev.skyport.buildfarm.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How builds run.
 *
 * @param maxParallel        builds running at once across all microservices (each microservice builds one at a time)
 * @param timeout            a build that takes longer fails
 * @param resumeAfterRestart after a restart, build again what was in flight (true) or fail it with a reason (false)
 * @param keepDeployments    deployment records (and logs) kept per microservice; older finished ones are removed
 */
@ConfigurationProperties("skyport.build-farm.builds")
public record BuildProperties(
        @DefaultValue("2") int maxParallel,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("true") boolean resumeAfterRestart,
        @DefaultValue("20") int keepDeployments) {

    public BuildProperties {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("skyport.build-farm.builds.max-parallel must be 1 or more");
        }
        if (keepDeployments < 2) {
            throw new IllegalArgumentException("skyport.build-farm.builds.keep-deployments must be 2 or more");
        }
    }
}
