package dev.skyport.buildfarm.runtime;

import java.time.Instant;

/**
 * Which lines of a microservice's instance logs to send.
 *
 * @param follow keep streaming new lines, from the instances that run now and from those that start
 *               later, until the subscriber cancels; otherwise end after the lines that exist
 * @param since  only lines written at or after this time; null for no limit
 * @param tail   only the last this many lines of each instance (before following); null for all
 */
public record InstanceLogQuery(boolean follow, Instant since, Integer tail) {

    public InstanceLogQuery {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("tail must be 0 or more, not " + tail);
        }
    }
}
