package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.InstanceRef;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.Observation;
import dev.skyport.buildfarm.runtime.ObservedInstance;
import dev.skyport.buildfarm.runtime.PushedImage;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.RuntimeDrivers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Builds in a Kubernetes Job with Docker-in-Docker ({@link BuildJobs}) and runs each microservice as a
 * Deployment with one replica behind a ClusterIP Service ({@link InstanceObjects}). Every object is
 * written with server-side apply (field manager {@code skyport}); waiting reads informer caches
 * ({@link ClusterEvents}).
 */
public final class KubernetesDriver implements RuntimeDriver {

    static final String FIELD_MANAGER = "skyport";
    private static final Logger log = LoggerFactory.getLogger(KubernetesDriver.class);

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final RegistryAccess registry;
    private final RunProperties run;
    private final ClusterEvents events;
    private final BuildJobs jobs;
    private final InstanceObjects instances;
    private final PullSecret pullSecret;
    private final BuildLogFollower logs;
    private final InstanceLogs instanceLogs;

    public KubernetesDriver(KubernetesClient client, KubernetesProperties properties, RegistryAccess registry,
                            RunProperties run) {
        this.client = client;
        this.properties = properties;
        this.registry = registry;
        this.run = run;
        this.jobs = new BuildJobs(properties, registry.address());
        this.instances = new InstanceObjects(properties, registry.address());
        this.pullSecret = new PullSecret(client, properties, registry);
        this.logs = new BuildLogFollower(client, properties);
        this.events = new ClusterEvents(client, properties);
        this.instanceLogs = new InstanceLogs(client, properties.appNamespace(), events, InstanceLogs.REOPEN);
        pullSecret.sync();
    }

    @Override
    public String name() {
        return RuntimeDrivers.KUBERNETES;
    }

    @Override
    public PushedImage build(BuildSpec spec, BuildLog buildLog, BuildCancellation cancellation) {
        String name = KubernetesNames.job(spec.microservice(), spec.deploymentId());
        String namespace = properties.buildNamespace();
        String image = registry.repository(spec.microservice()) + ":" + spec.deploymentId();
        if (events.job(namespace, name).isPresent() || client.batch().v1().jobs().inNamespace(namespace)
                .withName(name).get() != null) {
            buildLog.line("adopting build Job " + namespace + "/" + name + ", started before the build farm restarted");
        } else {
            buildLog.line("building " + image + " in Job " + namespace + "/" + name + " (Docker-in-Docker "
                    + properties.effectiveDindImage() + ")");
            // Created, not applied: a Job never changes after it is made (the Role has no patch on jobs).
            client.batch().v1().jobs().inNamespace(namespace)
                    .resource(jobs.job(spec, image, spec.context().singleUseUrl(), spec.cacheFrom()))
                    .create();
        }
        cancellation.whenCancelled(events::signal);
        BuildLogFollower.Follow follow = logs.follow(name, buildLog);
        try {
            Optional<BuildOutcome> outcome = events.await(() -> BuildOutcome.of(events.job(namespace, name).orElse(null),
                            events.podOfJob(name).map(pod -> {
                                follow.startWhenRunning(pod);
                                return pod;
                            }).orElse(null), spec.timeout().toSeconds()),
                    spec.timeout().plus(Duration.ofMinutes(5)), cancellation::isCancelled);
            if (cancellation.isCancelled()) {
                if (!cancellation.isShutdown()) {
                    deleteJob(namespace, name);
                }
                throw new BuildFailedException("the build was cancelled");
            }
            if (outcome.isEmpty()) {
                deleteJob(namespace, name);
                throw new BuildFailedException("the build Job " + name + " gave no outcome within "
                        + spec.timeout().toMinutes() + " minutes and its deadline; it was deleted");
            }
            if (outcome.get() instanceof BuildOutcome.Failed failed) {
                follow.awaitEnd(Duration.ofSeconds(5));
                List<String> last = follow.lastLines().isEmpty() ? failed.lastLines() : follow.lastLines();
                deleteJob(namespace, name);
                throw new BuildFailedException(failed.reason() + (last.isEmpty() ? "" : "; last lines:\n"
                        + String.join("\n", last)));
            }
            follow.awaitEnd(Duration.ofSeconds(5));
            String digest = ((BuildOutcome.Pushed) outcome.get()).digest();
            buildLog.line("the build Job pushed " + image + " (" + digest + ")");
            return new PushedImage(registry.repository(spec.microservice()), spec.deploymentId(), digest);
        } finally {
            follow.close();
        }
    }

    @Override
    public RunningInstance run(RunSpec spec, BuildLog buildLog) {
        return rollOut(spec, buildLog);
    }

    @Override
    public RunningInstance start(RunSpec spec, BuildLog buildLog) {
        return rollOut(spec, buildLog);
    }

    /** Applies the Service and the Deployment at one replica, and waits for the new ReplicaSet. */
    private RunningInstance rollOut(RunSpec spec, BuildLog buildLog) {
        String name = KubernetesNames.instance(spec.microservice());
        String namespace = properties.appNamespace();
        pullSecret.sync();
        Deployment before = client.apps().deployments().inNamespace(namespace).withName(name).get();
        apply(instances.service(spec.microservice(), spec.port()));
        Deployment applied = apply(instances.deployment(spec, 1));
        buildLog.line("rolling out deployment " + namespace + "/" + name + " with " + instances.pullImage(spec.image()));
        long generation = applied.getMetadata().getGeneration() == null ? 0 : applied.getMetadata().getGeneration();
        Optional<RolloutOutcome> outcome = events.await(() -> events.deployment(namespace, name)
                        .filter(d -> d.getMetadata().getGeneration() != null && d.getMetadata().getGeneration() >= generation)
                        .flatMap(d -> RolloutOutcome.of(d, events.podsOf(spec.microservice().app(),
                                spec.microservice().name(), spec.deploymentId()))),
                run.readinessTimeout(), () -> false);
        if (outcome.isPresent() && outcome.get() instanceof RolloutOutcome.Available) {
            buildLog.line("ready: " + name + " is available");
            return new RunningInstance(new InstanceRef(spec.microservice(), spec.deploymentId(), name),
                    instances.target(spec.microservice(), spec.port()));
        }
        String reason = outcome.map(o -> ((RolloutOutcome.Failed) o).reason())
                .orElse("did not become available within " + run.readinessTimeout().toSeconds() + " s");
        String pod = outcome.map(o -> ((RolloutOutcome.Failed) o).pod()).orElseGet(() -> events.podsOf(
                spec.microservice().app(), spec.microservice().name(), spec.deploymentId()).stream()
                .map(p -> p.getMetadata().getName()).findFirst().orElse(null));
        List<String> last = lastLogLines(namespace, pod);
        last.forEach(line -> buildLog.line("| " + line));
        putBack(before, spec, buildLog);
        throw new DeployFailedException(spec.deploymentId() + " " + reason, last);
    }

    /** The cluster goes back to what served: the previous Deployment, or none running. */
    private void putBack(Deployment before, RunSpec failed, BuildLog buildLog) {
        try {
            if (client.apps().deployments().inNamespace(properties.appNamespace())
                    .withName(KubernetesNames.instance(failed.microservice())).get() == null) {
                return; // deleted meanwhile: an apply would bring it back with nothing to manage it
            }
            if (before != null && before.getSpec() != null) {
                buildLog.line("putting back the previous version of " + before.getMetadata().getName());
                apply(LiveObjects.forApply(before));
            } else {
                apply(instances.deployment(failed, 0));
            }
        } catch (KubernetesClientException e) {
            log.warn("cannot put back the Deployment of {}: {}", failed.microservice(), e.getMessage());
        }
    }

    @Override
    public void stop(InstanceRef instance) {
        scale(instance.microservice(), 0);
    }

    private void scale(MicroserviceKey microservice, int replicas) {
        Deployment live = client.apps().deployments().inNamespace(properties.appNamespace())
                .withName(KubernetesNames.instance(microservice)).get();
        if (live != null) {
            Deployment scaled = LiveObjects.forApply(live);
            scaled.getSpec().setReplicas(replicas);
            apply(scaled);
        }
    }

    @Override
    public void delete(DeleteScope scope) {
        if (scope instanceof DeleteScope.OneDeployment one) {
            deleteJob(properties.buildNamespace(), KubernetesNames.job(one.microservice(), one.deploymentId()));
            // A Deployment still running that version (a crash between rollout and route switch) stops;
            // reconciliation then starts the version the records serve.
            events.deployment(properties.appNamespace(), KubernetesNames.instance(one.microservice()))
                    .filter(d -> one.deploymentId().equals(d.getSpec().getTemplate().getMetadata().getLabels()
                            .get(KubernetesLabels.DEPLOYMENT)))
                    .ifPresent(d -> scale(one.microservice(), 0));
        } else if (scope instanceof DeleteScope.WholeMicroservice all) {
            String name = KubernetesNames.instance(all.microservice());
            client.apps().deployments().inNamespace(properties.appNamespace()).withName(name).delete();
            client.services().inNamespace(properties.appNamespace()).withName(name).delete();
            // One by one: a delete by label is one collection DELETE, which needs `deletecollection`,
            // a verb the Role does not grant.
            client.batch().v1().jobs().inNamespace(properties.buildNamespace())
                    .withLabels(KubernetesLabels.microservice(all.microservice())).list().getItems()
                    .forEach(job -> deleteJob(properties.buildNamespace(), job.getMetadata().getName()));
        }
    }

    @Override
    public Observation observe(MicroserviceKey microservice) {
        Optional<Deployment> deployment = events.deployment(properties.appNamespace(),
                KubernetesNames.instance(microservice));
        if (deployment.isEmpty()) {
            return new Observation(microservice, List.of());
        }
        Deployment d = deployment.get();
        String deploymentId = d.getSpec().getTemplate().getMetadata().getLabels().get(KubernetesLabels.DEPLOYMENT);
        int port = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        boolean wanted = d.getSpec().getReplicas() != null && d.getSpec().getReplicas() > 0;
        boolean running = wanted && RolloutOutcome.of(d, List.of()).filter(o -> o instanceof RolloutOutcome.Available)
                .isPresent();
        return new Observation(microservice, List.of(new ObservedInstance(
                new InstanceRef(microservice, deploymentId, d.getMetadata().getName()), running,
                running ? instances.target(microservice, port) : null)));
    }

    private List<String> lastLogLines(String namespace, String pod) {
        if (pod == null) {
            return List.of();
        }
        try {
            String text = client.pods().inNamespace(namespace).withName(pod).inContainer(InstanceObjects.CONTAINER)
                    .tailingLines(run.failureLogLines()).getLog();
            return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
        } catch (KubernetesClientException e) {
            return List.of("(the pod's log could not be read: " + e.getMessage() + ")");
        }
    }

    private void deleteJob(String namespace, String name) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            log.warn("cannot delete build Job {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    private <T extends HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /**
     * The microservice's pods' {@code pods/log}, timestamps from the kubelet, stream {@code stdout} (the
     * API does not separate stdout from stderr). Following, pods that appear later are picked up through
     * the app-pod informer; see {@link InstanceLogs}.
     */
    @Override
    public Flux<InstanceLogLine> instanceLogs(MicroserviceKey microservice, InstanceLogQuery query) {
        return instanceLogs.of(microservice, query);
    }

    /** Ends the instance log streams and stops the informers. */
    public void close() {
        instanceLogs.close();
        events.close();
    }
}
