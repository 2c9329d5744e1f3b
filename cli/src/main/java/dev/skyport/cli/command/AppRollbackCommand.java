package dev.skyport.cli.command;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.deploy.DeploymentWatcher;
import dev.skyport.cli.http.BuildFarmClient;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Runs an earlier deployment's image again, as a new deployment, and waits until it runs or"
                + " fails;", "the current one keeps serving until it is ready. Default: the deployment that served"
                + " before the current one.", "skycli app status ITEM lists the deployments it can go back to."
                + " Exits 0 when it runs, 1 otherwise."})
public final class AppRollbackCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Option(names = "--to", paramLabel = "DEPLOYMENT", description = "the deployment whose image runs again")
    String to;

    @Mixin
    AppTarget target;

    AppRollbackCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (to != null && to.isBlank()) {
            throw CliFailure.usage("--to is empty; give a deployment id, as skycli app status " + item + " lists them");
        }
        String name = AppTarget.microservice(item);
        String app = target.app(services);
        BuildFarmClient buildFarm = services.buildFarm();
        Deployment started = buildFarm.rollback(app, name, to);
        services.out().println(name + ": rolling back to " + targetOf(app, name, started, buildFarm) + " as "
                + started.id());
        boolean running = new DeploymentWatcher(services).watch(app, name, started.id(), "rollback").succeeded();
        return running ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The answer names only the new deployment; without --to the target is the one whose image it runs. */
    private String targetOf(String app, String name, Deployment started, BuildFarmClient buildFarm) {
        if (to != null) {
            return to;
        }
        try {
            return buildFarm.rollbackTargets(app, name).targets().stream()
                    .filter(candidate -> !candidate.deployment().equals(started.id()))
                    .filter(candidate -> started.image() != null && Objects.equals(candidate.image(), started.image()))
                    .map(RollbackTarget::deployment)
                    .findFirst()
                    .orElse("the previous deployment");
        } catch (CliFailure lookupFailed) {
            // only the label depends on it; the rollback has started and is followed all the same
            return "the previous deployment";
        }
    }
}
