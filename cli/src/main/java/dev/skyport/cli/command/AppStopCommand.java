package dev.skyport.cli.command;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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
        Microservice microservice = services.buildFarm().lifecycle(target.app(services), name, "stop");
        services.out().println(name + ": " + microservice.status().wireName()
                + (microservice.message().isEmpty() ? "" : ": " + microservice.message()));
        return ExitCodes.OK;
    }
}
