package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.http.SseEvent;
import dev.skyport.cli.output.Json;
import tools.jackson.core.JacksonException;

/** The {@code status} events of a build log, read into platform-api's {@link StatusEvent}. */
public final class StatusEvents {

    /** The SSE event name of a status change; the other events are log lines. */
    public static final String EVENT = "status";

    private StatusEvents() {
    }

    public static boolean isStatus(SseEvent event) {
        return EVENT.equals(event.event());
    }

    /** The event's data: JSON {@code {"status", "message"}}, or a bare status name as older build farms sent. */
    public static StatusEvent read(String data) {
        String text = data == null ? "" : data.strip();
        if (!text.startsWith("{")) {
            return new StatusEvent(status(text, data), null);
        }
        try {
            StatusEvent event = Json.read(text, StatusEvent.class);
            if (event != null && event.status() != null) {
                return event;
            }
        } catch (JacksonException e) {
            // reported below with the data as it came
        }
        throw unreadable(data);
    }

    /** {@code running: serving d-1}, or {@code running} without a message. */
    public static String describe(StatusEvent event) {
        String message = event.message();
        return event.status().wireName() + (message == null || message.isEmpty() ? "" : ": " + message);
    }

    private static DeploymentStatus status(String name, String data) {
        try {
            return DeploymentStatus.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw unreadable(data);
        }
    }

    private static CliFailure unreadable(String data) {
        return CliFailure.failed("the build farm sent a status event skycli cannot read: '" + data + "'; check that"
                + " skycli and the platform are of the same version");
    }
}
