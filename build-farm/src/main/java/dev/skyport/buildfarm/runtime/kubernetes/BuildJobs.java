package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.BuildSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The build Job of one deployment. Three containers share emptyDirs:
 * <ol>
 *   <li>{@code fetch} (init): downloads the context through its single-use URL and checks its sha256;</li>
 *   <li>{@code dind} (native sidecar: an init container with {@code restartPolicy: Always}): the only
 *       privileged container; its daemon listens on a unix socket in a shared emptyDir, no TCP;</li>
 *   <li>{@code build}: runs {@code kubernetes/build.sh}; the registry Secret is mounted here only, and the
 *       script builds with an empty docker config, logging in only to pull the cache and to push.</li>
 * </ol>
 */
public final class BuildJobs {

    public static final String SCRIPT_RESOURCE = "/kubernetes/build.sh";
    public static final String BUILD_CONTAINER = "build";
    static final String FETCH_CONTAINER = "fetch";
    static final String DIND_CONTAINER = "dind";
    static final String SOCKET_DIR = "/var/run/skyport-dind";
    static final String WORKSPACE = "/workspace";
    static final String SECRET_DIR = "/var/run/secrets/skyport/registry";
    private static final String SCRIPT = readScript();

    private final KubernetesProperties properties;
    private final String registry;

    public BuildJobs(KubernetesProperties properties, String registry) {
        this.properties = properties;
        this.registry = registry;
    }

    /**
     * @param image     {@code <registry>/<app>/<microservice>:<deployment id>}
     * @param contextUrl the context's single-use URL
     * @param cacheFrom the microservice's last built image, or null
     */
    public Job job(BuildSpec spec, String image, URI contextUrl, String cacheFrom) {
        String name = KubernetesNames.job(spec.microservice(), spec.deploymentId());
        Map<String, String> labels = KubernetesLabels.deployment(spec.microservice(), spec.deploymentId());
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(properties.buildNamespace()).withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(Math.max(1, spec.timeout().toSeconds()))
                .withTtlSecondsAfterFinished((int) properties.jobTtlAfterFinished().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNodeSelector(properties.buildNodeSelector().isEmpty() ? null : properties.buildNodeSelector())
                .withTolerations(PodSettings.tolerations(properties.buildTolerations()))
                .withInitContainers(fetch(spec, contextUrl), dind())
                .withContainers(build(spec, image, cacheFrom))
                .withVolumes(
                        new VolumeBuilder().withName("workspace").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("docker-socket").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("docker-data").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("registry-credentials").withNewSecret()
                                .withSecretName(properties.registrySecret()).withDefaultMode(0400).endSecret().build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private Container fetch(BuildSpec spec, URI contextUrl) {
        return new ContainerBuilder()
                .withName(FETCH_CONTAINER)
                .withImage(properties.fetchImage())
                .withCommand("sh", "-c", "set -eu; echo \"skyport: fetching the build context\";"
                        + " wget -q -O " + WORKSPACE + "/context.tar.gz \"$SKYPORT_CONTEXT_URL\";"
                        + " echo \"$SKYPORT_CONTEXT_SHA256  " + WORKSPACE + "/context.tar.gz\" | sha256sum -c -")
                .withEnv(env("SKYPORT_CONTEXT_URL", contextUrl.toString()),
                        env("SKYPORT_CONTEXT_SHA256", spec.context().sha256()))
                .withVolumeMounts(mount("workspace", WORKSPACE, false))
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private Container dind() {
        // The arguments start with "dockerd": docker:dind's entrypoint adds its default arguments, among them
        // --host=tcp://0.0.0.0:2375 (2376 with TLS), to arguments that start with "-", and runs arguments that
        // start with "dockerd" as given (still through its cgroup set-up). So the only listener is the socket.
        List<String> args = new ArrayList<>(List.of("dockerd", "--host=unix://" + SOCKET_DIR + "/docker.sock",
                "--insecure-registry=" + registry));
        if (!properties.registryMirror().isBlank()) {
            args.add("--registry-mirror=" + properties.registryMirror());
        }
        return new ContainerBuilder()
                .withName(DIND_CONTAINER)
                .withImage(properties.effectiveDindImage())
                .withRestartPolicy("Always")
                .withArgs(args)
                // No TLS certificates to generate: the daemon has no TCP listener to protect.
                .withEnv(env("DOCKER_TLS_CERTDIR", ""))
                .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .withResources(PodSettings.resources(properties.dindResources()))
                .withVolumeMounts(mount("docker-socket", SOCKET_DIR, false), mount("docker-data", "/var/lib/docker", false))
                .build();
    }

    private Container build(BuildSpec spec, String image, String cacheFrom) {
        String buildArgs = spec.buildArgs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        return new ContainerBuilder()
                .withName(BUILD_CONTAINER)
                .withImage(properties.effectiveCliImage())
                .withCommand("sh", "-c", SCRIPT)
                .withEnv(env("DOCKER_HOST", "unix://" + SOCKET_DIR + "/docker.sock"),
                        env("SKYPORT_IMAGE", image),
                        env("SKYPORT_REGISTRY", registry),
                        env("SKYPORT_DOCKERFILE", spec.dockerfile()),
                        env("SKYPORT_CONTEXT", WORKSPACE + "/context.tar.gz"),
                        env("SKYPORT_CACHE_FROM", cacheFrom == null ? "" : cacheFrom),
                        env("SKYPORT_BUILD_ARGS", buildArgs),
                        env("SKYPORT_REGISTRY_SECRET_DIR", SECRET_DIR),
                        env("SKYPORT_TERMINATION_LOG", "/dev/termination-log"))
                .withResources(PodSettings.resources(properties.buildResources()))
                .withVolumeMounts(mount("workspace", WORKSPACE, true), mount("docker-socket", SOCKET_DIR, false),
                        mount("registry-credentials", SECRET_DIR, true))
                .withTerminationMessagePath("/dev/termination-log")
                // The digest on success; on failure the script writes nothing, so the log's last lines.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? true : null).build();
    }

    private static String readScript() {
        try (InputStream in = BuildJobs.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the build farm's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
