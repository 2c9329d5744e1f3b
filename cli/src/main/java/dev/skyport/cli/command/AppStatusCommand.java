package dev.skyport.cli.command;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceListResponse;
import dev.skyport.api.microservice.MicroserviceResponse;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Age;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the app's microservices (or one): status, URL and the build farm's message.",
                "For one microservice, also the deployments skycli app rollback can go back to."})
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
        String name = AppTarget.microservice(item);
        Microservice one = services.buildFarm().microservice(app, name);
        List<RollbackTarget> targets = services.buildFarm().rollbackTargets(app, name).targets();
        if (output.json()) {
            services.out().println(Json.pretty(new OneMicroservice(one, targets)));
            return ExitCodes.OK;
        }
        show(app, new MicroserviceResponse(one), List.of(one));
        showRollbackTargets(name, targets);
        return ExitCodes.OK;
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

    /** The deployments {@code skycli app rollback --to} accepts, newest first. */
    private void showRollbackTargets(String name, List<RollbackTarget> targets) {
        services.out().println();
        if (targets.isEmpty()) {
            services.out().println("no rollback targets: no earlier deployment of " + name
                    + " is built with its image still kept");
            return;
        }
        Instant now = Instant.now();
        Table table = new Table("DEPLOYMENT", "AGE", "SOURCE", "IMAGE");
        for (RollbackTarget earlier : targets) {
            table.row(earlier.deployment(), Age.between(earlier.createdAt(), now), shortSha(earlier.artifact()),
                    earlier.image());
        }
        table.print(services.out());
    }

    /** The artifact's sha256 cut to 12 hex digits, as people compare them. */
    private static String shortSha(String sha256) {
        return sha256 == null || sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }

    /** {@code --output json} for one microservice: the build farm's answer plus what it can roll back to. */
    record OneMicroservice(Microservice microservice, List<RollbackTarget> rollbackTargets) {
    }
}
