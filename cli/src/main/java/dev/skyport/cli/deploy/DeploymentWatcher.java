package dev.skyport.cli.deploy;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.http.BuildFarmClient;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Waits for one deployment of an item to run or fail, as {@code app deploy} and {@code app rollback} show
 * it: status changes as {@code api: building: ...}, log lines as {@code api | ...}, and one final line with
 * the URL or, on failure, the last log lines and the reason.
 */
public final class DeploymentWatcher {

    private static final int TAIL_LINES = 15;

    private final CliServices services;
    private final PrintStream out;

    public DeploymentWatcher(CliServices services) {
        this.services = services;
        this.out = services.out();
    }

    /** Follows deployment {@code id} of {@code name} to a terminal status; {@code action} names it on failure. */
    public DeployOutcome watch(String app, String name, String id, String action) {
        BuildFarmClient buildFarm = services.buildFarm();
        Deque<String> tail = new ArrayDeque<>();
        LogFollower follower = new LogFollower(buildFarm, services.logIdleTimeout(), services.reconnectDelay(), 8,
                notice -> services.err().println(name + ": " + notice));
        FollowResult result = follower.follow(app, id, true, event -> {
            if (StatusEvents.isStatus(event)) {
                StatusEvent change = StatusEvents.read(event.data());
                out.println(name + ": " + StatusEvents.describe(change));
            } else {
                out.println(name + " | " + event.data());
                tail.addLast(event.data());
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        });
        if (result.status() == DeploymentStatus.RUNNING) {
            String url = buildFarm.microservice(app, name).url();
            out.println(name + ": running at " + (url == null ? "(no route yet)" : url));
            return new DeployOutcome(name, result.status(), result.message(), url);
        }
        if (!tail.isEmpty()) {
            out.println(name + ": last lines of the build log:");
            tail.forEach(line -> out.println("    " + line));
        }
        out.println(name + ": " + action + " failed (" + result.status().wireName() + "): "
                + (result.message() == null ? "no reason given" : result.message()));
        return new DeployOutcome(name, result.status(), result.message(), null);
    }
}
