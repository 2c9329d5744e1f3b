package dev.skyport.cli.command;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.deploy.LogFollower;
import dev.skyport.cli.deploy.StatusEvents;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.SseEvent;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints the build and start-up log of a microservice's latest deployment.")
public final class AppLogsCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Option(names = {"-F", "--follow"}, description = "keep streaming until the deployment runs or fails")
    boolean follow;

    @Option(names = "--deployment", paramLabel = "ID", description = "a deployment id (default: the latest)")
    String deployment;

    @Mixin
    AppTarget target;

    @Mixin
    OutputOption output;

    AppLogsCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String app = target.app(services);
        String name = AppTarget.microservice(item);
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
        follower.follow(app, id, follow, event -> {
            if (output.json()) {
                services.out().println(Json.compact(JsonLine.of(event)));
            } else if (StatusEvents.isStatus(event)) {
                services.out().println("--- " + StatusEvents.describe(StatusEvents.read(event.data())));
            } else {
                services.out().println(event.data());
            }
        });
        return ExitCodes.OK;
    }

    /** One event of {@code --output json}: a status event's data is the status object, a log line's its text. */
    record JsonLine(String id, String event, Object data) {

        static JsonLine of(SseEvent event) {
            Object data = StatusEvents.isStatus(event) ? StatusEvents.read(event.data()) : event.data();
            return new JsonLine(event.id(), event.event(), data);
        }
    }
}
