package dev.skyport.cli.command;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.archive.ArchiveResult;
import dev.skyport.cli.archive.ContextArchiver;
import dev.skyport.cli.output.Bytes;
import dev.skyport.cli.project.BuildContext;
import dev.skyport.cli.project.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Writes the tar.gz an item would upload, and prints its size and sha256.")
public final class ContextArchiveCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(arity = "0..1", paramLabel = "ITEM", description = "the item (needed when there are several)")
    String itemName;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "where to write the archive")
    Path target;

    @Option(names = "--threads", paramLabel = "N", description = "compression threads (default: the CPU count)")
    Integer threads;

    @Mixin
    ProjectFileOption project;

    ContextArchiveCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Project loaded = Project.load(services.environment().workingDirectory(), project.file());
        DeploymentItem item = loaded.single(itemName, "context archive");
        loaded.requireFilesystem(List.of(item));
        BuildContext context = services.buildContexts().prepare(loaded, item);
        ContextArchiver archiver = threads == null ? ContextArchiver.withDefaults()
                : new ContextArchiver(ContextArchiver.DEFAULT_LEVEL, Math.max(1, threads));
        Path file = services.environment().workingDirectory().resolve(target);
        ArchiveResult result = archiver.write(context.walker(), file);
        services.out().println(file + ": " + result.entries() + " entries, " + result.files() + " files ("
                + Bytes.human(result.contentBytes()) + ") in " + Bytes.human(result.size()) + ", sha256 "
                + result.sha256());
        return ExitCodes.OK;
    }
}
