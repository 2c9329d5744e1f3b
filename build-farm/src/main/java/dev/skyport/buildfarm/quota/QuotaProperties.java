package dev.skyport.buildfarm.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one app may keep, so one app cannot fill the disk or Redis for all of them. The defaults are far
 * above normal use (an app of 50 microservices deploying all day stays well under them).
 *
 * @param artifactsCount artifacts an app may keep stored (unused ones go after {@code gc-min-age})
 * @param artifactsBytes bytes of stored artifacts per app; an upload that would pass it is refused
 * @param deployments    deployment records an app may keep, all microservices together (each keeps at most
 *                       {@code keep-deployments})
 * @param logBytes       Redis memory of an app's build logs (MEMORY USAGE of its streams); a deploy while the
 *                       app is at or above it is refused
 */
@ConfigurationProperties("skyport.build-farm.quotas")
public record QuotaProperties(
        @DefaultValue("1000") long artifactsCount,
        @DefaultValue("50GB") DataSize artifactsBytes,
        @DefaultValue("2000") long deployments,
        @DefaultValue("1GB") DataSize logBytes) {

    public QuotaProperties {
        if (artifactsCount < 1 || deployments < 1) {
            throw new IllegalArgumentException("skyport.build-farm.quotas.artifacts-count and .deployments must be"
                    + " 1 or more");
        }
        if (artifactsBytes.toBytes() < 1 || logBytes.toBytes() < 1) {
            throw new IllegalArgumentException("skyport.build-farm.quotas.artifacts-bytes and .log-bytes must be"
                    + " positive sizes, e.g. 50GB");
        }
    }
}
