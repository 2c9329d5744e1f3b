package dev.skyport.buildfarm.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances run, for every driver.
 *
 * @param driver             which {@link RuntimeDriver} loads; see {@link RuntimeDrivers#PRODUCTION}
 * @param readinessTimeout   how long a new instance may take to answer its check before {@code deploy_failed}
 * @param readinessInterval  pause between two checks
 * @param drainDelay         after the route switched, how long the old instance keeps running so that
 *                           requests the gateway already sent it finish
 * @param stopTimeout        grace period between SIGTERM and SIGKILL
 * @param failureLogLines    how many of the instance's last log lines a {@code deploy_failed} shows
 * @param observeInterval    how often running instances are checked (a restarted container may have a new port)
 */
@ConfigurationProperties("skyport.build-farm.runtime")
public record RunProperties(
        @DefaultValue("docker") String driver,
        @DefaultValue("60s") Duration readinessTimeout,
        @DefaultValue("250ms") Duration readinessInterval,
        @DefaultValue("2s") Duration drainDelay,
        @DefaultValue("10s") Duration stopTimeout,
        @DefaultValue("40") int failureLogLines,
        @DefaultValue("30s") Duration observeInterval) {
}
