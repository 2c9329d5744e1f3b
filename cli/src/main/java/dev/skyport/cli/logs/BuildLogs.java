package dev.skyport.cli.logs;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.deploy.LogFollower;
import dev.skyport.cli.deploy.StatusEvents;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.SseEvent;
import dev.skyport.cli.output.Json;

/** {@code skycli app logs ITEM --build}: the build and start-up log of one deployment (default: the latest). */
public final class BuildLogs {

    private final CliServices services;
    private final boolean json;

    public BuildLogs(CliServices services, boolean json) {
        this.services = services;
        this.json = json;
    }

    /** Prints the log of {@code deployment} (null: the latest); {@code follow} waits until it runs or fails. */
    public void show(String app, String name, String deployment, boolean follow) {
        BuildFarmClient buildFarm = services.buildFarm();
        String id = deployment;
        if (id == null) {
            id = buildFarm.microservice(app, name).latestDeployment();
            if (id == null) {
                throw CliFailure.failed(name + " has no deployment yet; deploy it with skycli app deploy " + name);
            }
        }
        LogFollower follower = new LogFollower(buildFarm, services.logIdleTimeout(), services.reconnectDelay(), 8,
                notice -> services.err().println(name + ": " + notice));
        follower.follow(app, id, follow, this::print);
    }

    private void print(SseEvent event) {
        if (json) {
            services.out().println(Json.compact(asJson(event)));
        } else if (StatusEvents.isStatus(event)) {
            services.out().println("--- " + StatusEvents.describe(StatusEvents.read(event.data())));
        } else {
            services.out().println(event.data());
        }
    }

    /** A status event's data is the status object, a log line's its text. */
    private static LogEventJson asJson(SseEvent event) {
        Object data = StatusEvents.isStatus(event) ? StatusEvents.read(event.data()) : event.data();
        return new LogEventJson(event.id(), event.event(), data);
    }
}
