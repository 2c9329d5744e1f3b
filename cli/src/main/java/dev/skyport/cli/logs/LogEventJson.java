package dev.skyport.cli.logs;

/**
 * One event as {@code skycli app logs --output json} prints it, one object per line.
 *
 * @param id    the event's id (null for events without one)
 * @param event {@code log}, {@code status} or {@code dropped}
 * @param data  the event's data: a JSON object, or a build log line's text
 */
public record LogEventJson(String id, String event, Object data) {
}
