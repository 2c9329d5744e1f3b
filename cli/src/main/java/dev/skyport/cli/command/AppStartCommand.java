package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts a stopped microservice again from its current image and waits until it is ready.")
public final class AppStartCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Mixin
    AppTarget target;

    AppStartCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String name = AppTarget.microservice(item);
        JsonNode microservice = services.buildFarm().lifecycle(target.app(services), name, "start")
                .path("microservice");
        String status = Json.text(microservice, "status");
        String url = Json.text(microservice.path("route"), "url");
        services.out().println(name + ": " + status + (url != null ? " at " + url
                : Json.text(microservice, "message") == null ? "" : ": " + Json.text(microservice, "message")));
        return "running".equals(status) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
