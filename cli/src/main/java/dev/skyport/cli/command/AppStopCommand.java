package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops a microservice: its path answers 404 at once; the image is kept for start.")
public final class AppStopCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Mixin
    AppTarget target;

    AppStopCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String name = AppTarget.microservice(item);
        JsonNode microservice = services.buildFarm().lifecycle(target.app(services), name, "stop").path("microservice");
        services.out().println(name + ": " + Json.text(microservice, "status")
                + (Json.text(microservice, "message") == null ? "" : ": " + Json.text(microservice, "message")));
        return ExitCodes.OK;
    }
}
