package dev.skyport.cli.logs;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.InstanceLogQuery;
import dev.skyport.cli.http.ResumableEventStream;

/**
 * {@code skycli app logs ITEM}: what the microservice's running instances print. Without {@code --follow} it
 * ends after the history; with it, it streams until interrupted, resuming a broken stream after the last
 * line shown.
 */
public final class InstanceLogs {

    private final CliServices services;
    private final boolean json;

    public InstanceLogs(CliServices services, boolean json) {
        this.services = services;
        this.json = json;
    }

    public void show(String app, String name, InstanceLogQuery query) {
        BuildFarmClient buildFarm = services.buildFarm();
        InstanceLogPrinter printer = new InstanceLogPrinter(name, json, services.out(), services.err());
        ResumableEventStream stream = new ResumableEventStream("the log of " + name,
                "run skycli app logs " + name + (query.follow() ? " --follow" : "") + " again",
                services.reconnectDelay(), 8, notice -> services.err().println(name + ": " + notice));
        stream.read(lastEventId -> buildFarm.openInstanceLogs(app, name, query, lastEventId,
                        services.logIdleTimeout()),
                // a followed stream never ends on purpose: the build farm restarted or a proxy cut it
                () -> query.follow() ? "the log stream ended" : null,
                printer::print);
    }
}
