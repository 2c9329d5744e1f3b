package dev.skyport.buildfarm.logs;

/**
 * One entry of a deployment's log stream.
 *
 * @param id   the Redis stream id, also the SSE event id
 * @param type {@code log} or {@code status}
 * @param data a log line, or the status event's JSON
 */
public record LogEvent(String id, String type, String data) {

    public static final String LOG = "log";
    public static final String STATUS = "status";
}
