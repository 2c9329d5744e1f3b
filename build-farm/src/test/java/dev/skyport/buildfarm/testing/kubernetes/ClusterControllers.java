package dev.skyport.buildfarm.testing.kubernetes;

import dev.skyport.buildfarm.testing.memory.TinyImagePush;
import dev.skyport.registry.credentials.RegistryCredentials;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the parts of a cluster that the mock API server lacks: the Job controller and kubelet for build
 * Jobs (a Pod, container states, the termination message, Job conditions) and the Deployment
 * controller and kubelet for instances (a Pod per rollout, the Deployment's status). What each build and
 * rollout does is scripted per microservice; a successful build pushes a real, tiny image (its own for
 * each Job) to the real registry, so the build farm's manifest check is the production one.
 *
 * <p>How a version rolls out is the version's own, as an image's crash is: the script in force at its first
 * rollout decides, and later rollouts of the same deployment (a start, a put-back) repeat it.
 */
public final class ClusterControllers implements AutoCloseable {

    /** How a build Job ends. */
    public enum Build { SUCCEED, FAIL, DEADLINE, PULL_FAILURE, OOM, FETCH_FAILURE, HANG }

    /** How a rollout ends. */
    public enum Rollout { AVAILABLE, CRASH_LOOP, PROGRESS_DEADLINE, HANG }

    /** What {@link #held} holds for a microservice none of whose rollouts arrived yet. */
    private static final Deployment PLACEHOLDER = new Deployment();

    private final KubernetesClient client;
    private final ServerSideApplyDispatcher dispatcher;
    private final TinyImagePush pushes;
    private final String registry;
    private final String buildNamespace;
    private final Map<String, Build> builds = new ConcurrentHashMap<>();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    /** app/microservice/deployment → how that version rolls out, fixed at its first rollout. */
    private final Map<String, Rollout> versions = new ConcurrentHashMap<>();
    /** app/microservice whose rollouts wait for {@link #release}, and the Deployment each last applied. */
    private final Map<String, Deployment> held = new ConcurrentHashMap<>();
    /** app/microservice → the digest its latest successful build Job pushed. */
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    public ClusterControllers(MockKubernetes kubernetes, String buildNamespace, String appNamespace, String registry,
                              RegistryCredentials credentials) {
        this.client = kubernetes.client();
        this.dispatcher = kubernetes.dispatcher();
        this.registry = registry;
        this.buildNamespace = buildNamespace;
        this.pushes = new TinyImagePush(registry, credentials);
        informers.add(client.batch().v1().jobs().inNamespace(buildNamespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                runJob(job);
            }

            @Override
            public void onUpdate(Job before, Job after) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
                client.pods().inNamespace(buildNamespace).withLabel("batch.kubernetes.io/job-name",
                        job.getMetadata().getName()).delete();
            }
        }));
        informers.add(client.apps().deployments().inNamespace(appNamespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                rollOut(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                if (!Objects.equals(before.getSpec(), after.getSpec())) {
                    rollOut(after);
                }
            }

            @Override
            public void onDelete(Deployment deployment, boolean unknown) {
                client.pods().inNamespace(appNamespace).withLabels(deployment.getSpec().getSelector().getMatchLabels())
                        .delete();
            }
        }));
    }

    /** What the builds of {@code app/microservice} do from now on. */
    public void builds(String app, String microservice, Build outcome) {
        builds.put(app + "/" + microservice, outcome);
    }

    /** How versions of {@code app/microservice} that have not rolled out yet roll out from now on. */
    public void rollouts(String app, String microservice, Rollout outcome) {
        rollouts.put(app + "/" + microservice, outcome);
    }

    /**
     * Ends the build Jobs of {@code app/microservice} that {@link Build#HANG} left without a Pod as
     * successful builds (pushing their image); later builds succeed too. Returns how many it ended.
     */
    public synchronized int completeJob(String app, String microservice) {
        builds(app, microservice, Build.SUCCEED);
        int completed = 0;
        for (Job job : client.batch().v1().jobs().inNamespace(buildNamespace).withLabel("skyport.dev/app", app)
                .withLabel("skyport.dev/microservice", microservice).list().getItems()) {
            if (client.pods().inNamespace(buildNamespace).withLabel("batch.kubernetes.io/job-name",
                    job.getMetadata().getName()).list().getItems().isEmpty()) {
                runJob(job);
                completed++;
            }
        }
        return completed;
    }

    /**
     * Rollouts of {@code app/microservice} wait (as pods that never get scheduled would) until
     * {@link #release}: the Deployment's status stays as it was.
     */
    public void hold(String app, String microservice) {
        held.putIfAbsent(app + "/" + microservice, PLACEHOLDER);
    }

    /** Lets the rollout of the Deployment as it is now go on, and later ones. */
    public void release(String app, String microservice) {
        Deployment last = held.remove(app + "/" + microservice);
        if (last != null && last != PLACEHOLDER) {
            Deployment now = client.apps().deployments().inNamespace(last.getMetadata().getNamespace())
                    .withName(last.getMetadata().getName()).get();
            if (now != null) {
                rollOut(now);
            }
        }
    }

    /** The digest the latest successful build Job of {@code app/microservice} pushed (its termination message). */
    public String pushedDigest(String app, String microservice) {
        return digests.get(app + "/" + microservice);
    }

    private synchronized void runJob(Job job) {
        Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        String key = labels.get("skyport.dev/app") + "/" + labels.get("skyport.dev/microservice");
        Build outcome = builds.getOrDefault(key, Build.SUCCEED);
        if (outcome == Build.HANG) {
            return;
        }
        String namespace = job.getMetadata().getNamespace();
        String podName = job.getMetadata().getName() + "-x7k2p";
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        List<ContainerStatus> init = new ArrayList<>();
        List<ContainerStatus> main = new ArrayList<>();
        String log = "skyport: waiting for the Docker daemon\nStep 1/2 : FROM busybox:1.36\nStep 2/2 : RUN make\n";
        switch (outcome) {
            case SUCCEED -> {
                String image = env(job, "build", "SKYPORT_IMAGE");
                String repository = image.substring(registry.length() + 1, image.lastIndexOf(':'));
                String digest = pushes.push(repository, image.substring(image.lastIndexOf(':') + 1),
                        job.getMetadata().getName());
                digests.put(key, digest);
                init.add(terminated("fetch", 0, null, null));
                main.add(terminated("build", 0, digest, "Completed"));
                log += "digest: " + digest + "\n";
            }
            case FAIL -> {
                init.add(terminated("fetch", 0, null, null));
                main.add(terminated("build", 2, log + "make: *** [all] Error 2\nskyport: error: the build failed",
                        "Error"));
                log += "make: *** [all] Error 2\nskyport: error: the build failed\n";
            }
            case OOM -> {
                init.add(terminated("fetch", 0, null, null));
                main.add(terminated("build", 137, null, "OOMKilled"));
            }
            case FETCH_FAILURE -> init.add(terminated("fetch", 1, "wget: server returned error: HTTP/1.1 410 Gone",
                    "Error"));
            case PULL_FAILURE -> init.add(new ContainerStatusBuilder().withName("dind").withImage("docker:27.3-dind")
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"docker:27.3-dind\"").endWaiting().endState().build());
            case DEADLINE, HANG -> {
            }
        }
        dispatcher.podLog(namespace, podName, log);
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels)
                .endMetadata().withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase(main.isEmpty() ? "Pending" : main.get(0).getState().getTerminated()
                        .getExitCode() == 0 ? "Succeeded" : "Failed")
                .withInitContainerStatuses(init).withContainerStatuses(main).endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).create();
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        String condition = switch (outcome) {
            case SUCCEED -> "Complete";
            case PULL_FAILURE -> null;
            default -> "Failed";
        };
        if (condition != null) {
            job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(condition)
                    .withStatus("True").withReason(outcome == Build.DEADLINE ? "DeadlineExceeded"
                            : "Failed".equals(condition) ? "BackoffLimitExceeded" : null).build()).build());
            client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
        }
    }

    private synchronized void rollOut(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        String key = labels.get("skyport.dev/app") + "/" + labels.get("skyport.dev/microservice");
        if (held.computeIfPresent(key, (k, previous) -> deployment) != null) {
            return;
        }
        Rollout outcome = versions.computeIfAbsent(key + "/" + labels.get("skyport.dev/deployment"),
                version -> rollouts.getOrDefault(key, Rollout.AVAILABLE));
        String namespace = deployment.getMetadata().getNamespace();
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        client.pods().inNamespace(namespace).withLabels(deployment.getSpec().getSelector().getMatchLabels()).delete();
        if (outcome == Rollout.HANG) {
            return;
        }
        String podName = deployment.getMetadata().getName() + "-" + Integer.toHexString(labels.hashCode() & 0xfffff);
        if (replicas > 0) {
            ContainerStatus status = outcome == Rollout.CRASH_LOOP
                    ? new ContainerStatusBuilder().withName("app").withRestartCount(4).withNewState().withNewWaiting()
                    .withReason("CrashLoopBackOff").withMessage("back-off 40s restarting failed container").endWaiting()
                    .endState().build()
                    : new ContainerStatusBuilder().withName("app").withReady(true).withNewState().withNewRunning()
                    .endRunning().endState().build();
            Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels)
                    .endMetadata().withSpec(deployment.getSpec().getTemplate().getSpec()).withNewStatus()
                    .withPhase("Running").withContainerStatuses(status).endStatus().build();
            // The log first: the driver reads it as soon as it sees the pod's status.
            dispatcher.podLog(namespace, podName, "booting\ncannot open the database\n");
            client.pods().inNamespace(namespace).resource(pod).create();
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
        }
        boolean available = outcome == Rollout.AVAILABLE;
        var status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas)
                .withAvailableReplicas(available ? replicas : 0).withReadyReplicas(available ? replicas : 0);
        if (outcome == Rollout.PROGRESS_DEADLINE && replicas > 0) {
            status.withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                    .withReason("ProgressDeadlineExceeded").build());
        }
        deployment.setStatus(status.build());
        client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }

    private static ContainerStatus terminated(String name, int exitCode, String message, String reason) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(exitCode)
                .withMessage(message).withReason(reason).endTerminated().endState().build();
    }

    private static String env(Job job, String container, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container)).flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
