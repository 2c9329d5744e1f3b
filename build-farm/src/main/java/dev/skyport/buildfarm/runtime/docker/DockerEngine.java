package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.PushedImage;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.InstanceRef;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.ObservedInstance;
import dev.skyport.buildfarm.runtime.ResourceLimits;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.runtime.RunningInstance;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker Engine operations behind {@link dev.skyport.buildfarm.runtime.DockerEngineDriver}:
 * build → push, run → wait, stop, start, delete, observe.
 */
public final class DockerEngine {

    private final DockerProperties properties;
    private final RunProperties run;
    private final RegistryAccess registry;
    private final ImageBuilder builder;
    private final ImagePusher pusher;
    private final ContainerLauncher containers;
    private final ReadinessWait readiness;
    private final ImageRemovals removals;
    private final EngineNetworks networks;

    public DockerEngine(DockerClient docker, DockerProperties properties, RunProperties run, ResourceLimits limits,
                        RegistryAccess registry) {
        this.properties = properties;
        this.run = run;
        this.registry = registry;
        this.removals = new ImageRemovals(docker);
        this.networks = new EngineNetworks(docker);
        this.builder = new ImageBuilder(docker, removals, properties.buildNetwork(), limits.build());
        this.pusher = new ImagePusher(docker, registry);
        this.containers = new ContainerLauncher(docker, properties, limits.instance(), registry);
        this.readiness = new ReadinessWait(containers, properties, run);
    }

    public PushedImage build(BuildSpec spec, BuildLog buildLog, BuildCancellation cancellation) {
        String tagged = registry.repository(spec.microservice()) + ":" + spec.deploymentId();
        buildLog.line("building " + tagged + " from artifact " + spec.context().sha256()
                + " (Dockerfile: " + spec.dockerfile() + ")");
        networks.ensure(properties.buildNetwork(), DockerProperties.BUILD_NETWORK_SETTING);
        buildLog.line("RUN steps use network " + DockerProperties.effective(properties.buildNetwork()));
        removals.duringBuild(() -> builder.build(spec, tagged, buildLog, cancellation));
        return pusher.push(spec.microservice(), spec.deploymentId(), buildLog);
    }

    public RunningInstance run(RunSpec spec, BuildLog buildLog) {
        buildLog.line("starting " + ContainerLauncher.containerName(spec.microservice(), spec.deploymentId())
                + " from " + spec.image());
        networks.ensure(properties.network(), DockerProperties.NETWORK_SETTING);
        String id = containers.createAndStart(spec, buildLog);
        return awaitOrRemove(id, spec, buildLog);
    }

    public RunningInstance start(RunSpec spec, BuildLog buildLog) {
        List<Container> existing = containers.list(spec.microservice(), spec.deploymentId());
        if (existing.isEmpty()) {
            return run(spec, buildLog);
        }
        String id = existing.get(0).getId();
        buildLog.line("starting " + ContainerLauncher.containerName(spec.microservice(), spec.deploymentId())
                + " again");
        containers.start(id);
        try {
            return new RunningInstance(new InstanceRef(spec.microservice(), spec.deploymentId(), id),
                    readiness.await(id, spec, buildLog));
        } catch (DeployFailedException e) {
            containers.stop(id, run.stopTimeout());
            throw e;
        }
    }

    private RunningInstance awaitOrRemove(String id, RunSpec spec, BuildLog buildLog) {
        try {
            return new RunningInstance(new InstanceRef(spec.microservice(), spec.deploymentId(), id),
                    readiness.await(id, spec, buildLog));
        } catch (RuntimeException e) {
            containers.remove(id);
            throw e;
        }
    }

    public void stop(InstanceRef instance) {
        for (String id : containerIds(instance)) {
            containers.stop(id, run.stopTimeout());
        }
    }

    public void deleteDeployment(MicroserviceKey microservice, String deploymentId) {
        for (Container container : containers.list(microservice, deploymentId)) {
            containers.remove(container.getId());
        }
        String repository = registry.repository(microservice);
        removals.remove(repository + ":" + deploymentId, repository);
    }

    public void deleteMicroservice(MicroserviceKey microservice) {
        for (Container container : containers.list(microservice, null)) {
            containers.remove(container.getId());
        }
        removals.removeAll(registry.repository(microservice));
    }

    public List<ObservedInstance> observe(MicroserviceKey microservice) {
        List<ObservedInstance> result = new ArrayList<>();
        for (Container container : containers.list(microservice, null)) {
            String deploymentId = container.getLabels().get(DockerLabels.DEPLOYMENT);
            if (deploymentId == null) {
                continue;
            }
            boolean running = "running".equals(container.getState());
            URI target = running ? publishedTarget(container).orElse(null) : null;
            result.add(new ObservedInstance(new InstanceRef(microservice, deploymentId, container.getId()),
                    running && target != null, target));
        }
        return result;
    }

    private Optional<URI> publishedTarget(Container container) {
        if (container.getPorts() == null) {
            return Optional.empty();
        }
        for (ContainerPort port : container.getPorts()) {
            if (port.getPublicPort() != null && properties.publishAddress().equals(port.getIp())) {
                return Optional.of(URI.create("http://" + properties.targetHost() + ":" + port.getPublicPort()));
            }
        }
        return Optional.empty();
    }

    private List<String> containerIds(InstanceRef instance) {
        if (instance.driverId() != null && containers.inspect(instance.driverId()).isPresent()) {
            return List.of(instance.driverId());
        }
        return containers.list(instance.microservice(), instance.deploymentId()).stream().map(Container::getId).toList();
    }

    /** Stops the background image removal (pending removals are dropped; the next delete redoes them). */
    public void close() {
        removals.close();
    }
}
