package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.ResourceLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code docker build} from the artifact tarball. The request carries no registry credentials (see
 * {@link CredentialFreeDockerConfig}) and asks for no pull: a base image must be present or pullable
 * anonymously. Images get no labels at build time (each LABEL is one more build step); they are found
 * by their repository, {@code <registry>/<app>/<microservice>}. The {@code RUN} steps run on the build network
 * ({@code networkmode}: the classic builder gives each step's container that network) with the build limits.
 */
final class ImageBuilder {

    private final DockerClient docker;
    private final ImageRemovals removals;
    private final String network;
    private final ResourceLimits.Build limits;

    ImageBuilder(DockerClient docker, ImageRemovals removals, String network, ResourceLimits.Build limits) {
        this.docker = docker;
        this.removals = removals;
        this.network = DockerProperties.effective(network);
        this.limits = limits;
    }

    void build(BuildSpec spec, String taggedImage, BuildLog log, BuildCancellation cancellation) {
        BuildOutput output = new BuildOutput(log);
        try (InputStream context = Files.newInputStream(spec.context().localFile())) {
            BuildImageCmd command = docker.buildImageCmd(context);
            spec.buildArgs().forEach(command::withBuildArg);
            command.withDockerfilePath(spec.dockerfile())
                    .withTags(Set.of(taggedImage))
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .withNetworkMode(network);
            applyLimits(command);
            command.exec(output);
            cancellation.whenCancelled(() -> output.abandon(cancellation.isShutdown()));
            boolean finished = output.awaitCompletion(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                output.stop();
                throw new BuildFailedException("the build took longer than " + spec.timeout().toSeconds()
                        + " s (skyport.build-farm.builds.timeout) and was stopped");
            }
        } catch (IOException e) {
            throw new BuildFailedException("cannot read the artifact " + spec.context().localFile() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("the build was interrupted", e);
        } catch (RuntimeException e) {
            if (e instanceof BuildFailedException failed) {
                throw failed;
            }
            if (cancellation.isCancelled()) {
                throw new BuildFailedException("the build was cancelled");
            }
            throw new BuildFailedException("the Docker Engine failed during the build: " + e.getMessage(), e);
        }
        if (cancellation.isCancelled()) {
            throw new BuildFailedException("the build was cancelled");
        }
        if (output.error() != null) {
            // The classic builder keeps the images of the steps that passed; nothing will use them.
            removals.removeIfUntagged(output.stepImages());
            throw new BuildFailedException(output.lastStep() == null ? "the build failed: " + output.error()
                    : "the build failed at '" + output.lastStep() + "': " + output.error());
        }
    }

    private void applyLimits(BuildImageCmd command) {
        long memory = limits.memory().toBytes();
        if (memory > 0) {
            // memswap equal to memory: no swap on top, so the limit really bounds the step.
            command.withMemory(memory).withMemswap(memory);
        }
        if (limits.cpuShares() > 0) {
            command.withCpushares(Integer.toString(limits.cpuShares()));
        }
        if (limits.cpusetCpus() != null && !limits.cpusetCpus().isBlank()) {
            command.withCpusetcpus(limits.cpusetCpus().strip());
        }
    }
}
