package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.LogStreamException;
import dev.skyport.cli.http.SseEvent;
import dev.skyport.cli.http.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a deployment's build log (Server-Sent Events). When the stream breaks off before a terminal
 * status, it reconnects with {@code Last-Event-ID} so no line is shown twice or lost, backing off
 * between attempts and giving up after {@code maxAttempts} failures in a row.
 */
public final class LogFollower {

    private final BuildFarmClient client;
    private final Duration idleTimeout;
    private final Duration firstBackoff;
    private final int maxAttempts;
    private final Consumer<String> notices;

    public LogFollower(BuildFarmClient client, Duration idleTimeout, Duration firstBackoff, int maxAttempts,
                       Consumer<String> notices) {
        this.client = client;
        this.idleTimeout = idleTimeout;
        this.firstBackoff = firstBackoff;
        this.maxAttempts = maxAttempts;
        this.notices = notices;
    }

    /** Streams events to {@code listener}; with {@code follow} it returns only at a terminal status. */
    public FollowResult follow(String app, String deploymentId, boolean follow, LogEventListener listener) {
        String lastEventId = null;
        DeploymentStatus status = null;
        String message = null;
        int failures = 0;
        while (true) {
            String problem;
            try (InputStream in = client.openLogs(app, deploymentId, follow, lastEventId, idleTimeout);
                 SseReader reader = new SseReader(in)) {
                SseEvent event;
                while ((event = reader.next()) != null) {
                    failures = 0;
                    if (event.id() != null) {
                        lastEventId = event.id();
                    }
                    if (StatusEvents.isStatus(event)) {
                        StatusEvent change = StatusEvents.read(event.data());
                        status = change.status();
                        message = change.message();
                    }
                    listener.onEvent(event);
                }
                FollowResult result = new FollowResult(status, message);
                if (!follow || result.finished()) {
                    return result;
                }
                problem = "the build log stream ended before the deployment finished";
            } catch (LogStreamException | IOException e) {
                problem = e.getMessage();
            }
            failures++;
            if (failures >= maxAttempts) {
                throw CliFailure.unreachable("lost the build log of " + deploymentId + " " + failures + " times in a"
                        + " row (" + problem + "); follow it with skycli app logs <item> --follow", null);
            }
            notices.accept("reconnecting to the build log (" + problem + ")");
            pause(firstBackoff.multipliedBy(1L << Math.min(failures - 1, 5)));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        }
    }
}
