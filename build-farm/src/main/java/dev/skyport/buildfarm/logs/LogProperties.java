package dev.skyport.buildfarm.logs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Build and start-up logs.
 *
 * @param maxLinesPerDeployment the stream of one deployment is trimmed to about this many events
 * @param maxLineLength         longer lines are cut (with a marker)
 * @param followPollInterval    how often a following client's stream looks for new lines
 */
@ConfigurationProperties("skyport.build-farm.logs")
public record LogProperties(
        @DefaultValue("10000") long maxLinesPerDeployment,
        @DefaultValue("4096") int maxLineLength,
        @DefaultValue("200ms") Duration followPollInterval) {

    /** The line as logs keep it: cut at {@code maxLineLength}, with a marker saying so. */
    public String cut(String line) {
        return line.length() <= maxLineLength ? line
                : line.substring(0, maxLineLength) + " … (line cut at " + maxLineLength + " characters)";
    }
}
