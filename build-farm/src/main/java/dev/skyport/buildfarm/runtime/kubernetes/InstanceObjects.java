package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A microservice's Deployment (one replica, the image by digest, rolling without ever dropping the
 * serving pod) and its ClusterIP Service, and the route target that names the Service.
 */
public final class InstanceObjects {

    static final String CONTAINER = "app";

    private final KubernetesProperties properties;
    private final String registry;

    public InstanceObjects(KubernetesProperties properties, String registry) {
        this.properties = properties;
        this.registry = registry;
    }

    public Deployment deployment(RunSpec spec, int replicas) {
        String name = KubernetesNames.instance(spec.microservice());
        Map<String, String> selector = KubernetesLabels.microservice(spec.microservice());
        Map<String, String> podLabels = KubernetesLabels.deployment(spec.microservice(), spec.deploymentId());
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(properties.appNamespace()).withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withProgressDeadlineSeconds((int) properties.progressDeadline().toSeconds())
                .withRevisionHistoryLimit(3)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels)
                .withAnnotations(properties.podAnnotations().isEmpty() ? null : new TreeMap<>(properties.podAnnotations()))
                .endMetadata()
                .withNewSpec()
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .addNewImagePullSecret(properties.pullSecret())
                .withNodeSelector(properties.instanceNodeSelector().isEmpty() ? null : properties.instanceNodeSelector())
                .withTolerations(PodSettings.tolerations(properties.instanceTolerations()))
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(pullImage(spec.image()))
                .withCommand(spec.command().isEmpty() ? null : spec.command())
                .withEnv(env(spec))
                .addNewPort().withName("http").withContainerPort(spec.port()).withProtocol("TCP").endPort()
                .withReadinessProbe(probe(spec, 1, 3))
                .withLivenessProbe(probe(spec, 10, 6))
                .withResources(PodSettings.resources(properties.instanceResources()))
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public Service service(MicroserviceKey microservice, int port) {
        return new ServiceBuilder()
                .withNewMetadata().withName(KubernetesNames.instance(microservice))
                .withNamespace(properties.appNamespace()).withLabels(KubernetesLabels.microservice(microservice))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(KubernetesLabels.microservice(microservice))
                .addNewPort().withName("http").withPort(port).withTargetPort(new IntOrString(port)).withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** {@code http://<service>.<namespace>.svc.<cluster domain>:<port>}: what the gateway forwards to. */
    public URI target(MicroserviceKey microservice, int port) {
        return URI.create("http://" + KubernetesNames.instance(microservice) + "." + properties.appNamespace() + ".svc."
                + properties.clusterDomain() + ":" + port);
    }

    /** The same image by digest, named by the host the kubelet pulls from. */
    String pullImage(String image) {
        String pullHost = properties.pullHost();
        if (pullHost.isBlank() || !image.startsWith(registry + "/")) {
            return image;
        }
        return pullHost + image.substring(registry.length());
    }

    private static List<EnvVar> env(RunSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("PORT").withValue(String.valueOf(spec.port())).build());
        new TreeMap<>(spec.environment()).forEach((name, value) -> {
            if (!"PORT".equals(name)) {
                env.add(new EnvVarBuilder().withName(name).withValue(value).build());
            }
        });
        return env;
    }

    private static Probe probe(RunSpec spec, int periodSeconds, int failureThreshold) {
        ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(2);
        if (spec.healthCheckPath() != null) {
            probe.withNewHttpGet().withPath(spec.healthCheckPath()).withPort(new IntOrString(spec.port())).endHttpGet();
        } else {
            probe.withNewTcpSocket().withPort(new IntOrString(spec.port())).endTcpSocket();
        }
        return probe.build();
    }
}
