package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.deploy.Deployer;
import dev.skyport.cli.project.Project;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Builds and runs items of skygear.yaml (all by default).",
                "Archives each context, uploads it unless the build farm has it, streams the build log and waits",
                "until the item runs or fails. Exits 0 when every item runs, 1 when one failed."})
public final class AppDeployCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(arity = "0..*", paramLabel = "ITEM", description = "the items to deploy (default: all)")
    List<String> items;

    @Mixin
    ProjectFileOption project;

    AppDeployCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Project loaded = Project.load(services.environment().workingDirectory(), project.file());
        return new Deployer(services).deploy(loaded, loaded.select(items));
    }
}
