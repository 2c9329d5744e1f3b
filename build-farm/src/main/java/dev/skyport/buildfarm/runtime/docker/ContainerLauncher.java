package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.ResourceLimits;
import dev.skyport.buildfarm.runtime.RunSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Creates, starts, inspects, stops and removes the containers of deployments. */
final class ContainerLauncher {

    private final DockerClient docker;
    private final DockerProperties properties;
    private final ResourceLimits.Instance limits;
    private final RegistryAccess registry;

    ContainerLauncher(DockerClient docker, DockerProperties properties, ResourceLimits.Instance limits,
                      RegistryAccess registry) {
        this.docker = docker;
        this.properties = properties;
        this.limits = limits;
        this.registry = registry;
    }

    /** {@code skyport-<app>-<microservice>-<deployment id>}: unique, and says whose it is. */
    static String containerName(MicroserviceKey microservice, String deploymentId) {
        return "skyport-" + microservice.app() + "-" + microservice.name() + "-" + deploymentId;
    }

    /** Creates and starts the container of a deployment; returns its id. */
    String createAndStart(RunSpec spec, BuildLog log) {
        String id;
        try {
            id = create(spec).exec().getId();
        } catch (NotFoundException missingImage) {
            // The local image was removed: fetch it again from the registry (with credentials, at run time).
            log.line("image " + spec.image() + " is not in the local engine; pulling it from the registry");
            pull(spec.image());
            id = create(spec).exec().getId();
        }
        docker.startContainerCmd(id).exec();
        return id;
    }

    private CreateContainerCmd create(RunSpec spec) {
        ExposedPort port = ExposedPort.tcp(spec.port());
        Ports bindings = new Ports();
        bindings.bind(port, Ports.Binding.bindIp(properties.publishAddress()));
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withRestartPolicy(RestartPolicy.parse(properties.restartPolicy()));
        if (!properties.network().isEmpty()) {
            host.withNetworkMode(properties.network());
        }
        applyLimits(host);
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put("PORT", Integer.toString(spec.port()));
        List<String> env = new ArrayList<>();
        environment.forEach((key, value) -> env.add(key + "=" + value));
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(containerName(spec.microservice(), spec.deploymentId()))
                .withLabels(DockerLabels.of(spec.microservice(), spec.deploymentId()))
                .withEnv(env)
                .withExposedPorts(port)
                .withHostConfig(host);
        if (!spec.command().isEmpty()) {
            // Like Kubernetes' `command`: it replaces the entrypoint, and the image's CMD is dropped.
            create.withEntrypoint(spec.command()).withCmd(Collections.emptyList());
        }
        return create;
    }

    private void applyLimits(HostConfig host) {
        long memory = limits.memory().toBytes();
        if (memory > 0) {
            // MemorySwap equal to Memory: no swap on top, so the limit is what the instance really gets.
            host.withMemory(memory).withMemorySwap(memory);
        }
        if (limits.nanoCpus() > 0) {
            host.withNanoCPUs(limits.nanoCpus());
        }
        if (limits.pids() > 0) {
            host.withPidsLimit(limits.pids());
        }
    }

    private void pull(String imageByDigest) {
        int at = imageByDigest.indexOf('@');
        AuthConfig auth = new AuthConfig()
                .withRegistryAddress(registry.address())
                .withUsername(registry.credentials().username())
                .withPassword(registry.credentials().password());
        try {
            docker.pullImageCmd(imageByDigest.substring(0, at)).withTag(imageByDigest.substring(at + 1))
                    .withAuthConfig(auth).exec(new ResultCallback.Adapter<>()).awaitCompletion(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + imageByDigest, e);
        }
    }

    void start(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException alreadyRunning) {
            // nothing to do
        }
    }

    void stop(String containerId, Duration timeout) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) Math.max(1, timeout.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
            // stopping twice is harmless
        }
    }

    void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removing twice is harmless
        }
    }

    Optional<InspectContainerResponse> inspect(String containerId) {
        try {
            return Optional.of(docker.inspectContainerCmd(containerId).exec());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /** The host port the container's port is published on right now, if any. */
    static Optional<Integer> hostPort(InspectContainerResponse container, int port) {
        if (container.getNetworkSettings() == null || container.getNetworkSettings().getPorts() == null) {
            return Optional.empty();
        }
        Ports.Binding[] bindings = container.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
        if (bindings == null) {
            return Optional.empty();
        }
        for (Ports.Binding binding : bindings) {
            if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isBlank()) {
                return Optional.of(Integer.parseInt(binding.getHostPortSpec()));
            }
        }
        return Optional.empty();
    }

    /** The containers of a microservice, or of one of its deployments, running or not. */
    List<Container> list(MicroserviceKey microservice, String deploymentId) {
        Map<String, String> labels = deploymentId == null ? DockerLabels.ofMicroservice(microservice)
                : DockerLabels.of(microservice, deploymentId);
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    /** The last lines the container wrote (stdout and stderr). */
    List<String> lastLogLines(String containerId, int lines) {
        List<String> result = Collections.synchronizedList(new ArrayList<>());
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            for (String line : new String(frame.getPayload(), StandardCharsets.UTF_8).split("\r?\n")) {
                                if (!line.isBlank()) {
                                    result.add(line.stripTrailing());
                                }
                            }
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            result.add("(cannot read the container's log: " + e.getMessage() + ")");
        }
        return new ArrayList<>(result);
    }
}
