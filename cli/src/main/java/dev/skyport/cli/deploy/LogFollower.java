package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.ResumableEventStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Follows a deployment's build log (Server-Sent Events) and keeps its last status. When the stream breaks
 * off before a terminal status, {@link ResumableEventStream} resumes it after the last event seen.
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
        AtomicReference<FollowResult> last = new AtomicReference<>(new FollowResult(null, null));
        ResumableEventStream stream = new ResumableEventStream("the build log", "follow it with skycli app logs"
                + " ITEM --deployment " + deploymentId + " --follow", firstBackoff, maxAttempts, notices);
        stream.read(lastEventId -> client.openLogs(app, deploymentId, follow, lastEventId, idleTimeout),
                () -> !follow || last.get().finished() ? null
                        : "the build log stream ended before the deployment finished",
                event -> {
                    if (StatusEvents.isStatus(event)) {
                        StatusEvent change = StatusEvents.read(event.data());
                        last.set(new FollowResult(change.status(), change.message()));
                    }
                    listener.onEvent(event);
                });
        return last.get();
    }
}
