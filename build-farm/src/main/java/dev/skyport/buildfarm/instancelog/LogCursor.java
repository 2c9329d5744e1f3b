package dev.skyport.buildfarm.instancelog;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.error.ApiException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a {@code log} event, {@code <epoch seconds>.<nanoseconds>-<instance>}: the line's time and
 * its instance. Sent back as {@code Last-Event-ID}, the stream goes on with the lines after it: later
 * ones, and those of the same nanosecond from other instances.
 */
record LogCursor(Instant time, String instance) {

    private static final Pattern ID = Pattern.compile("(\\d{1,19})\\.(\\d{9})-([a-zA-Z0-9][a-zA-Z0-9_.-]{0,252})");

    static String idOf(InstanceLogLine line) {
        return line.time().getEpochSecond() + "." + String.format("%09d", line.time().getNano()) + "-"
                + line.instance();
    }

    /** The cursor of a {@code Last-Event-ID}, or null when there is none. */
    static LogCursor parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        Matcher id = ID.matcher(lastEventId.strip());
        if (!id.matches()) {
            throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID '" + lastEventId + "' is not an id"
                    + " this stream sent; send the id of the last log event received, or none to start over",
                    Map.of("lastEventId", lastEventId));
        }
        return new LogCursor(Instant.ofEpochSecond(Long.parseLong(id.group(1)), Long.parseLong(id.group(2))),
                id.group(3));
    }

    /** Whether the line comes after the one this cursor names. */
    boolean precedes(InstanceLogLine line) {
        int order = line.time().compareTo(time);
        return order > 0 || order == 0 && !line.instance().equals(instance);
    }
}
