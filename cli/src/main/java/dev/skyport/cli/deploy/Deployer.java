package dev.skyport.cli.deploy;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.DeploymentItemJson;
import dev.skyport.api.microservice.Deployment;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.archive.ArchiveResult;
import dev.skyport.cli.archive.ContextArchiver;
import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.output.Bytes;
import dev.skyport.cli.project.BuildContext;
import dev.skyport.cli.project.Project;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code skycli app deploy}: checks every selected item first, then for each one archives its context,
 * uploads the archive unless the build farm has it, requests the deployment, streams the build log and
 * waits for {@code running} or a failure, ending with one clear line.
 */
public final class Deployer {

    private final CliServices services;
    private final PrintStream out;

    public Deployer(CliServices services) {
        this.services = services;
        this.out = services.out();
    }

    /** Deploys {@code items} in order; the exit code is 0 when all run, 1 when one failed. */
    public int deploy(Project project, List<DeploymentItem> items) throws IOException {
        project.requireFilesystem(items);
        BuildFarmClient buildFarm = services.buildFarm();
        List<BuildContext> contexts = new ArrayList<>();
        for (DeploymentItem item : items) {
            contexts.add(services.buildContexts().prepare(project, item));
        }
        List<DeployOutcome> outcomes = new ArrayList<>();
        for (BuildContext context : contexts) {
            outcomes.add(deploy(project.app(), context, buildFarm));
        }
        if (outcomes.size() > 1) {
            long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
            out.println(failed == 0 ? "all " + outcomes.size() + " items are running"
                    : failed + " of " + outcomes.size() + " items failed");
        }
        return outcomes.stream().allMatch(DeployOutcome::succeeded) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private DeployOutcome deploy(String app, BuildContext context, BuildFarmClient buildFarm) throws IOException {
        String name = context.item().name();
        Path archive = Files.createTempFile("skycli-" + name + "-", ".tar.gz");
        try {
            ArchiveResult result = ContextArchiver.withDefaults().write(context.walker(), archive);
            out.println(name + ": archived " + result.files() + " files (" + Bytes.human(result.contentBytes())
                    + ") into " + Bytes.human(result.size()) + ", sha256 " + result.sha256());
            upload(app, name, result, buildFarm);
            String templateDigest = context.template() == null ? null : "sha256:" + context.template().sha256();
            Deployment deployment = buildFarm.createDeployment(app, name, result.sha256(),
                    DeploymentItemJson.toJson(context.item()), templateDigest);
            String id = deployment.id();
            out.println(name + ": deployment " + id + " requested");
            return new DeploymentWatcher(services).watch(app, name, id, "deploy");
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private void upload(String app, String name, ArchiveResult archive, BuildFarmClient buildFarm) {
        if (buildFarm.artifactExists(app, archive.sha256())) {
            out.println(name + ": the build farm already has this archive; skipping the upload");
            return;
        }
        UploadProgress progress = new UploadProgress(out, services.environment().interactive(), name, archive.size(),
                System::nanoTime);
        buildFarm.uploadArtifact(app, archive.file(), archive.sha256(), progress::update);
        progress.finish(archive.size());
    }
}
