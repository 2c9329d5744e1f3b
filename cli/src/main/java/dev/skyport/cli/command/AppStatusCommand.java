package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the app's microservices (or one): status, URL and the build farm's message.")
public final class AppStatusCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(arity = "0..1", paramLabel = "ITEM", description = "one microservice (default: all)")
    String item;

    @Mixin
    AppTarget target;

    @Mixin
    OutputOption output;

    AppStatusCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String app = target.app(services);
        JsonNode body = item == null ? services.buildFarm().microservices(app)
                : services.buildFarm().microservice(app, AppTarget.microservice(item));
        if (output.json()) {
            services.out().println(Json.pretty(body));
            return ExitCodes.OK;
        }
        List<JsonNode> microservices = item == null ? body.path("microservices").valueStream().toList()
                : List.of(body.path("microservice"));
        if (microservices.isEmpty()) {
            services.out().println("app " + app + " has no microservices yet; deploy with skycli app deploy");
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "STATUS", "URL", "MESSAGE");
        for (JsonNode microservice : microservices) {
            table.row(Json.text(microservice, "name"), Json.text(microservice, "status"),
                    Json.text(microservice.path("route"), "url"), Json.text(microservice, "message"));
        }
        table.print(services.out());
        return ExitCodes.OK;
    }
}
