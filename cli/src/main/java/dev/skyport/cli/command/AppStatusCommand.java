package dev.skyport.cli.command;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceListResponse;
import dev.skyport.api.microservice.MicroserviceResponse;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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
        if (item == null) {
            MicroserviceListResponse all = services.buildFarm().microservices(app);
            return show(app, all, all.microservices());
        }
        Microservice one = services.buildFarm().microservice(app, AppTarget.microservice(item));
        return show(app, new MicroserviceResponse(one), List.of(one));
    }

    /** {@code --output json} prints the build farm's answer as it is; the table shows each microservice. */
    private int show(String app, Object answer, List<Microservice> microservices) {
        if (output.json()) {
            services.out().println(Json.pretty(answer));
            return ExitCodes.OK;
        }
        if (microservices.isEmpty()) {
            services.out().println("app " + app + " has no microservices yet; deploy with skycli app deploy");
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "STATUS", "URL", "MESSAGE");
        for (Microservice microservice : microservices) {
            table.row(microservice.name(), microservice.status().wireName(), microservice.url(),
                    microservice.message());
        }
        table.print(services.out());
        return ExitCodes.OK;
    }
}
