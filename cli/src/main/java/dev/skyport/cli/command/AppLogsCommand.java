package dev.skyport.cli.command;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.deploy.LogFollower;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
            id = Json.text(buildFarm.microservice(app, name).path("microservice"), "latestDeployment");
            if (id == null) {
                throw CliFailure.failed(name + " has no deployment yet; deploy it with skycli app deploy " + name);
            }
        }
        LogFollower follower = new LogFollower(buildFarm, services.logIdleTimeout(), services.reconnectDelay(), 8,
                notice -> services.err().println(name + ": " + notice));
        follower.follow(app, id, follow, event -> {
            if (output.json()) {
                ObjectNode node = Json.object();
                node.put("id", event.id());
                node.put("event", event.event());
                JsonNode data = "status".equals(event.event()) ? Json.parseOrNull(event.data()) : null;
                if (data != null) {
                    node.set("data", data);
                } else {
                    node.put("data", event.data());
                }
                services.out().println(Json.compact(node));
            } else if ("status".equals(event.event())) {
                JsonNode data = Json.parseOrNull(event.data());
                String message = Json.text(data, "message");
                services.out().println("--- " + (data == null ? event.data() : Json.text(data, "status"))
                        + (message == null ? "" : ": " + message));
            } else {
                services.out().println(event.data());
            }
        });
        return ExitCodes.OK;
    }
}
