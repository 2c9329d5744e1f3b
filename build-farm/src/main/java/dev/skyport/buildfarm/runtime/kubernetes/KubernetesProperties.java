package dev.skyport.buildfarm.runtime.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kubernetes driver's settings ({@code skyport.build-farm.kubernetes.*}); every one is documented in
 * docs/build-farm.md.
 *
 * @param buildNamespace      where build Jobs run
 * @param appNamespace        where Deployments, Services and the pull Secret live
 * @param dockerVersion       the {@code docker:<version>-dind} and {@code docker:<version>-cli} images' version
 * @param dindImage           the daemon's image; empty for {@code docker:<docker-version>-dind}
 * @param cliImage            the build container's image; empty for {@code docker:<docker-version>-cli}
 * @param fetchImage          the init container that downloads the context (needs {@code wget} and {@code sha256sum})
 * @param registryMirror      a {@code --registry-mirror} for the build daemon (base images), or empty
 * @param registrySecret      the Secret in the build namespace with {@code username} and {@code password} files
 * @param pullSecret          the {@code kubernetes.io/dockerconfigjson} Secret the build farm keeps in the app namespace
 * @param pullHost            the registry host the kubelet pulls from (e.g. {@code localhost:30500}); empty for the
 *                            registry's own address
 * @param clusterDomain       the cluster's DNS domain, for route targets
 * @param jobTtlAfterFinished how long a finished Job and its Pod stay for inspection
 * @param progressDeadline    a rollout that makes no progress for this long fails ({@code ProgressDeadlineExceeded})
 * @param buildResources      the build container's resources
 * @param dindResources       the Docker daemon's resources
 * @param instanceResources   each app instance's resources
 * @param buildNodeSelector   where build pods may run
 * @param buildTolerations    taints build pods tolerate
 * @param instanceNodeSelector where app pods may run
 * @param instanceTolerations taints app pods tolerate
 * @param podAnnotations      added to every app pod (e.g. {@code linkerd.io/inject: enabled})
 */
@ConfigurationProperties("skyport.build-farm.kubernetes")
public record KubernetesProperties(
        @DefaultValue("skyport-builds") String buildNamespace,
        @DefaultValue("skyport-apps") String appNamespace,
        @DefaultValue("27.3") String dockerVersion,
        @DefaultValue("") String dindImage,
        @DefaultValue("") String cliImage,
        @DefaultValue("busybox:1.36") String fetchImage,
        @DefaultValue("") String registryMirror,
        @DefaultValue("skyport-registry") String registrySecret,
        @DefaultValue("skyport-registry-pull") String pullSecret,
        @DefaultValue("") String pullHost,
        @DefaultValue("cluster.local") String clusterDomain,
        @DefaultValue("10m") Duration jobTtlAfterFinished,
        @DefaultValue("5m") Duration progressDeadline,
        @DefaultValue Resources buildResources,
        @DefaultValue Resources dindResources,
        @DefaultValue Resources instanceResources,
        Map<String, String> buildNodeSelector,
        List<Toleration> buildTolerations,
        Map<String, String> instanceNodeSelector,
        List<Toleration> instanceTolerations,
        Map<String, String> podAnnotations) {

    public KubernetesProperties {
        buildNodeSelector = buildNodeSelector == null ? Map.of() : Map.copyOf(buildNodeSelector);
        buildTolerations = buildTolerations == null ? List.of() : List.copyOf(buildTolerations);
        instanceNodeSelector = instanceNodeSelector == null ? Map.of() : Map.copyOf(instanceNodeSelector);
        instanceTolerations = instanceTolerations == null ? List.of() : List.copyOf(instanceTolerations);
        podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
    }

    public String effectiveDindImage() {
        return dindImage.isBlank() ? "docker:" + dockerVersion + "-dind" : dindImage;
    }

    public String effectiveCliImage() {
        return cliImage.isBlank() ? "docker:" + dockerVersion + "-cli" : cliImage;
    }

    /**
     * Requests and limits of one container; empty values are left out.
     *
     * @param cpuRequest    e.g. {@code 250m}
     * @param memoryRequest e.g. {@code 256Mi}
     * @param cpuLimit      e.g. {@code 2}
     * @param memoryLimit   e.g. {@code 2Gi}
     */
    public record Resources(@DefaultValue("") String cpuRequest, @DefaultValue("") String memoryRequest,
                            @DefaultValue("") String cpuLimit, @DefaultValue("") String memoryLimit) {
    }

    /** A pod toleration, as in a pod spec. */
    public record Toleration(String key, @DefaultValue("Equal") String operator, String value,
                             @DefaultValue("NoSchedule") String effect) {
    }
}
