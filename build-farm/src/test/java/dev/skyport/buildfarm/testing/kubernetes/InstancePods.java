package dev.skyport.buildfarm.testing.kubernetes;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.kubernetes.KubernetesLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * A microservice's pods in the mock API as the Deployment controller and the kubelet leave them (the
 * Deployment's labels, container {@code app}), and what they write to their logs.
 */
public final class InstancePods {

    private final KubernetesClient client;
    private final ServerSideApplyDispatcher dispatcher;
    private final String namespace;

    public InstancePods(MockKubernetes kubernetes, String namespace) {
        this.client = kubernetes.client();
        this.dispatcher = kubernetes.dispatcher();
        this.namespace = namespace;
    }

    /** A pod of {@code microservice} at {@code deploymentId} whose container runs. */
    public Pod running(MicroserviceKey microservice, String deploymentId, String name) {
        return create(microservice, deploymentId, name, running());
    }

    /** A pod whose container has not started (its image is being pulled). */
    public Pod pending(MicroserviceKey microservice, String deploymentId, String name) {
        return create(microservice, deploymentId, name, new ContainerStatusBuilder().withName("app").withNewState()
                .withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build());
    }

    /** The container of a pending pod starts. */
    public void start(String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        pod.getStatus().setPhase("Running");
        pod.getStatus().setContainerStatuses(java.util.List.of(running()));
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    public void delete(String name) {
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    /** The pod writes a line the kubelet receives at {@code time}. */
    public void write(String pod, Instant time, String line) {
        dispatcher.appendPodLog(namespace, pod, time, line);
    }

    /** The pod writes a line the kubelet receives now; returns that time. */
    public Instant write(String pod, String line) {
        return dispatcher.appendPodLog(namespace, pod, line);
    }

    private Pod create(MicroserviceKey microservice, String deploymentId, String name, ContainerStatus status) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(KubernetesLabels.deployment(microservice, deploymentId)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.test/" + microservice.app() + "/"
                        + microservice.name() + "@sha256:" + "ab".repeat(32)).endContainer().endSpec()
                .withNewStatus().withPhase(status.getState().getRunning() != null ? "Running" : "Pending")
                .withContainerStatuses(status).endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).create();
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName("app").withReady(true).withNewState().withNewRunning()
                .withStartedAt(Instant.now().toString()).endRunning().endState().build();
    }
}
