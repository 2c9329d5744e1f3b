package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Informers on what the driver manages (Jobs and their Pods in the build namespace, Deployments and Pods
 * in the app namespace), filtered by {@code app.kubernetes.io/managed-by=skyport}. Waiting means
 * re-reading the informers' local caches each time an event arrives: no polling of the API server.
 */
final class ClusterEvents implements AutoCloseable {

    /** A wait wakes at least this often to check its own deadline and cancellation. */
    private static final Duration WAKE = Duration.ofSeconds(1);

    private final SharedIndexInformer<Job> jobs;
    private final SharedIndexInformer<Pod> buildPods;
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Pod> appPods;
    private final String appPodsNamespace;
    private final Object signal = new Object();
    private long events;

    ClusterEvents(KubernetesClient client, KubernetesProperties properties) {
        ResourceEventHandler<HasMetadata> wake = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata object) {
                signal();
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                signal();
            }

            @Override
            public void onDelete(HasMetadata object, boolean finalStateUnknown) {
                signal();
            }
        };
        String build = properties.buildNamespace();
        String app = properties.appNamespace();
        this.appPodsNamespace = app;
        this.jobs = client.batch().v1().jobs().inNamespace(build)
                .withLabel(KubernetesLabels.MANAGED_BY, KubernetesLabels.MANAGER).inform(cast(wake));
        this.buildPods = client.pods().inNamespace(build)
                .withLabel(KubernetesLabels.MANAGED_BY, KubernetesLabels.MANAGER).inform(cast(wake));
        this.deployments = client.apps().deployments().inNamespace(app)
                .withLabel(KubernetesLabels.MANAGED_BY, KubernetesLabels.MANAGER).inform(cast(wake));
        this.appPods = client.pods().inNamespace(app)
                .withLabel(KubernetesLabels.MANAGED_BY, KubernetesLabels.MANAGER).inform(cast(wake));
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    /** Wakes every wait, e.g. on a cancel. */
    void signal() {
        synchronized (signal) {
            events++;
            signal.notifyAll();
        }
    }

    Optional<Job> job(String namespace, String name) {
        return Optional.ofNullable(jobs.getStore().getByKey(namespace + "/" + name));
    }

    /** The pod the Job controller made for a Job (backoffLimit 0: at most one). */
    Optional<Pod> podOfJob(String jobName) {
        return buildPods.getStore().list().stream()
                .filter(p -> jobName.equals(p.getMetadata().getLabels().get(KubernetesLabels.JOB_NAME)))
                .findFirst();
    }

    Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(deployments.getStore().getByKey(namespace + "/" + name));
    }

    /** Pods of a microservice running one deployment id. */
    List<Pod> podsOf(String app, String microservice, String deploymentId) {
        return appPods.getStore().list().stream().filter(p -> {
            var labels = p.getMetadata().getLabels();
            return app.equals(labels.get(KubernetesLabels.APP)) && microservice.equals(labels.get(KubernetesLabels.MICROSERVICE))
                    && deploymentId.equals(labels.get(KubernetesLabels.DEPLOYMENT));
        }).toList();
    }

    /** Pods of a microservice whatever version they run, as the informer has them now. */
    List<Pod> appPodsOf(MicroserviceKey microservice) {
        Map<String, String> selector = KubernetesLabels.microservice(microservice);
        return appPods.getStore().list().stream().filter(p -> matches(p, selector)).toList();
    }

    /** The pod of the app namespace with this name, as the informer has it now; null when there is none. */
    Pod appPod(String name) {
        return appPods.getStore().getByKey(appPodsNamespace + "/" + name);
    }

    /**
     * Tells {@code handler} about each pod of the microservice that exists (as an add) and then about every
     * change, until the returned handle is closed. Shares the app-pod informer: no new watch on the API
     * server, and the handler runs on the informer's thread, so it must not block.
     */
    AutoCloseable watchAppPods(MicroserviceKey microservice, ResourceEventHandler<Pod> handler) {
        Map<String, String> selector = KubernetesLabels.microservice(microservice);
        ResourceEventHandler<Pod> filtered = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (matches(pod, selector)) {
                    handler.onAdd(pod);
                }
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (matches(after, selector)) {
                    handler.onUpdate(before, after);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                if (matches(pod, selector)) {
                    handler.onDelete(pod, finalStateUnknown);
                }
            }
        };
        appPods.addEventHandler(filtered);
        return () -> appPods.removeEventHandler(filtered);
    }

    private static boolean matches(Pod pod, Map<String, String> selector) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * Re-evaluates {@code check} on every event until it gives an answer, the deadline passes (empty) or
     * {@code stop} says so (empty).
     */
    <T> Optional<T> await(Supplier<Optional<T>> check, Duration timeout, BooleanSupplier stop) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (signal) {
                seen = events;
            }
            Optional<T> answer = check.get();
            if (answer.isPresent()) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || stop.getAsBoolean()) {
                return Optional.empty();
            }
            synchronized (signal) {
                if (events == seen) {
                    try {
                        signal.wait(Math.max(1, Math.min(left, WAKE.toNanos()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        jobs.close();
        buildPods.close();
        deployments.close();
        appPods.close();
    }
}
