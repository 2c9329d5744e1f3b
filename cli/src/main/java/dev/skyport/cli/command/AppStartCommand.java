package dev.skyport.cli.command;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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
        Microservice microservice = services.buildFarm().lifecycle(target.app(services), name, "start");
        String url = microservice.url();
        services.out().println(name + ": " + microservice.status().wireName() + (url != null ? " at " + url
                : microservice.message().isEmpty() ? "" : ": " + microservice.message()));
        return microservice.status() == MicroserviceStatus.RUNNING ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
