package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RunSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a started container answers its readiness check, with a deadline. Every few seconds the
 * log says what it waits for and why it is not there yet; on the deadline the container's last log
 * lines go into the log and into the failure.
 */
final class ReadinessWait {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(2);

    private final ContainerLauncher containers;
    private final DockerProperties docker;
    private final RunProperties run;

    ReadinessWait(ContainerLauncher containers, DockerProperties docker, RunProperties run) {
        this.containers = containers;
        this.docker = docker;
        this.run = run;
    }

    /** The target URI once ready; throws {@link DeployFailedException} at the deadline. */
    URI await(String containerId, RunSpec spec, BuildLog log) {
        ReadinessCheck check = ReadinessCheck.of(spec.healthCheckPath());
        long start = System.nanoTime();
        long deadline = start + run.readinessTimeout().toNanos();
        long nextReport = start;
        String why = "not checked yet";
        log.line("waiting for " + check.describe(spec.port()) + " to answer (up to "
                + run.readinessTimeout().toSeconds() + " s)");
        while (true) {
            Optional<InspectContainerResponse> container = containers.inspect(containerId);
            if (container.isEmpty()) {
                throw new DeployFailedException("the container " + containerId + " disappeared while starting",
                        List.of());
            }
            Optional<Integer> hostPort = ContainerLauncher.hostPort(container.get(), spec.port());
            InspectContainerResponse.ContainerState state = container.get().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                why = "the container is " + state.getStatus() + (state.getExitCodeLong() != null
                        ? " (exit code " + state.getExitCodeLong() + ", restarted "
                        + container.get().getRestartCount() + " times)" : "");
            } else if (hostPort.isEmpty()) {
                why = "port " + spec.port() + " is not published yet";
            } else {
                why = check.probe(docker.publishAddress(), hostPort.get());
                if (why == null) {
                    URI target = URI.create("http://" + docker.targetHost() + ":" + hostPort.get());
                    log.line("ready: " + check.describe(spec.port()) + " answers at " + target + " after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
                    return target;
                }
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            if (now - nextReport >= 0) {
                log.line("still waiting (" + TimeUnit.NANOSECONDS.toSeconds(deadline - now) + " s left): " + why);
                nextReport = now + REPORT_EVERY.toNanos();
            }
            pause();
        }
        List<String> lastLines = containers.lastLogLines(containerId, run.failureLogLines());
        log.line("the instance did not become ready within " + run.readinessTimeout().toSeconds() + " s: " + why);
        if (lastLines.isEmpty()) {
            log.line("the container wrote nothing to its log");
        } else {
            log.line("its last " + lastLines.size() + " log lines:");
            List<String> indented = new ArrayList<>();
            for (String line : lastLines) {
                indented.add("  | " + line);
            }
            indented.forEach(log::line);
        }
        throw new DeployFailedException("the instance did not become ready within "
                + run.readinessTimeout().toSeconds() + " s (" + check.describe(spec.port()) + "): " + why, lastLines);
    }

    private void pause() {
        try {
            Thread.sleep(run.readinessInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while waiting for the instance", List.of());
        }
    }
}
