package dev.skyport.buildfarm.instancelog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Streams of what running instances print ({@code GET .../microservices/{name}/logs}).
 *
 * @param bufferLines  lines held for one reader that falls behind; beyond, the oldest go and the reader
 *                     gets a {@code dropped} event saying how many
 * @param heartbeat    how often a following stream sends a comment, so proxies keep it open and a
 *                     reader that went away is noticed
 * @param stallTimeout a following stream that could send nothing (not even a heartbeat) for this long is
 *                     closed: nobody reads it any more
 * @param maxStreams   streams open at once in this build farm; each holds connections to the runtime
 */
@ConfigurationProperties("skyport.build-farm.instance-logs")
public record InstanceLogProperties(
        @DefaultValue("1000") int bufferLines,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("60s") Duration stallTimeout,
        @DefaultValue("32") int maxStreams) {

    public InstanceLogProperties {
        if (bufferLines < 1) {
            throw new IllegalArgumentException("skyport.build-farm.instance-logs.buffer-lines must be 1 or more");
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("skyport.build-farm.instance-logs.max-streams must be 1 or more");
        }
        if (stallTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("skyport.build-farm.instance-logs.stall-timeout (" + stallTimeout
                    + ") must be longer than heartbeat (" + heartbeat + "), or idle readers would be closed");
        }
    }
}
