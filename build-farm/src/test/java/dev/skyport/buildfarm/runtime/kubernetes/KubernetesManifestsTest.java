package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.CREDENTIALS;
import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.DEPLOYMENT_ID;
import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.DIGEST;
import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.PULL_HOST;
import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.REGISTRY;
import static dev.skyport.buildfarm.runtime.kubernetes.GoldenInputs.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.runtime.RunSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Job, Deployment, Service and pull Secret the driver renders from fixed inputs ({@link GoldenInputs}),
 * compared field by field with the reviewed files in {@code src/test/resources/kubernetes/golden/}. A change
 * to what the driver renders fails here until the golden file is changed too, in the same review. The
 * security-relevant settings are also asserted one by one, so that editing a golden file cannot drop them
 * silently.
 */
class KubernetesManifestsTest {

    /** What the golden Job has where the build container's script goes: the script is compared to its file. */
    private static final String SCRIPT_PLACEHOLDER = "<the text of src/main/resources/kubernetes/build.sh>";
    private static final Map<String, String> MICROSERVICE_LABELS = Map.of(
            "app.kubernetes.io/managed-by", "skyport", "skyport.dev/app", "shop", "skyport.dev/microservice", "web");
    private static final Map<String, String> DEPLOYMENT_LABELS = Map.of(
            "app.kubernetes.io/managed-by", "skyport", "skyport.dev/app", "shop", "skyport.dev/microservice", "web",
            "skyport.dev/deployment", DEPLOYMENT_ID);

    private final KubernetesProperties properties = GoldenInputs.properties();

    @Test
    void theBuildJobIsTheGoldenOne() {
        Job job = renderJob();
        Container build = container(job.getSpec().getTemplate().getSpec(), "build");
        assertThat(build.getCommand()).hasSize(3).startsWith("sh", "-c");
        assertThat(build.getCommand().get(2)).as("the build container runs exactly the script file")
                .isEqualTo(resource("/kubernetes/build.sh"));
        build.getCommand().set(2, SCRIPT_PLACEHOLDER);

        assertMatchesGolden(job, "job.yaml", Job.class);
    }

    @Test
    void theBuildPodIsLockedDown() {
        Job job = renderJob();
        PodSpec pod = job.getSpec().getTemplate().getSpec();

        assertThat(job.getSpec().getBackoffLimit()).as("backoffLimit").isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).as("activeDeadlineSeconds: the build timeout")
                .isEqualTo(30 * 60L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).as("ttlSecondsAfterFinished").isEqualTo(600);
        assertThat(pod.getAutomountServiceAccountToken()).as("automountServiceAccountToken").isFalse();
        assertThat(pod.getEnableServiceLinks()).as("enableServiceLinks").isFalse();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getMetadata().getLabels()).isEqualTo(DEPLOYMENT_LABELS);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(DEPLOYMENT_LABELS);

        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("fetch", "dind");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("build");
        List<Container> all = Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
        assertThat(all).as("only the daemon is privileged").filteredOn(KubernetesManifestsTest::privileged)
                .extracting(Container::getName).containsExactly("dind");

        Container dind = container(pod, "dind");
        assertThat(dind.getRestartPolicy()).as("the daemon is a native sidecar").isEqualTo("Always");
        assertThat(dind.getCommand()).as("the image's entrypoint (it sets up cgroups for nesting) stays").isNullOrEmpty();
        // docker:dind's entrypoint adds --host=tcp://0.0.0.0:2375 (2376 with TLS) to arguments that start with
        // "-"; arguments that start with "dockerd" are run as given.
        assertThat(dind.getArgs()).first().isEqualTo("dockerd");
        assertThat(dind.getArgs()).contains("--host=unix:///var/run/skyport-dind/docker.sock",
                "--insecure-registry=" + REGISTRY, "--registry-mirror=https://mirror.example.com");
        assertThat(dind.getArgs()).filteredOn(a -> a.startsWith("--host") || a.startsWith("-H"))
                .as("the daemon listens on its unix socket only").containsExactly(
                        "--host=unix:///var/run/skyport-dind/docker.sock");
        assertThat(String.join(" ", dind.getArgs()) + dind.getEnv()).doesNotContain("tcp://");
        assertThat(dind.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
                .containsExactlyInAnyOrder("docker-socket:/var/run/skyport-dind", "docker-data:/var/lib/docker");

        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("registry-credentials");
            assertThat(v.getSecret().getSecretName()).isEqualTo("skyport-registry");
        });
        assertThat(all).as("the registry Secret is mounted in the build container only")
                .filteredOn(c -> c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("registry-credentials")))
                .extracting(Container::getName).containsExactly("build");
        assertThat(all).as("no credentials in any environment").allSatisfy(c -> assertThat(c.getEnv())
                .noneMatch(e -> e.getValueFrom() != null || String.valueOf(e.getValue()).contains("golden-password")));

        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("skyport.dev/pool", "builds"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey())
                .isEqualTo("skyport.dev/builds"));
        assertThat(container(pod, "build").getResources().getLimits().get("memory")).hasToString("2Gi");
        assertThat(dind.getResources().getLimits().get("memory")).hasToString("4Gi");
    }

    @Test
    void theDeploymentIsTheGoldenOne() {
        assertMatchesGolden(new InstanceObjects(properties, REGISTRY).deployment(GoldenInputs.run(), 1),
                "deployment.yaml", Deployment.class);
    }

    @Test
    void theDeploymentRunsTheImageByDigestWithoutDroppingTheServingPod() {
        Deployment deployment = new InstanceObjects(properties, REGISTRY).deployment(GoldenInputs.run(), 1);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().get(0);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).as("the selector never names a version")
                .isEqualTo(MICROSERVICE_LABELS);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(DEPLOYMENT_LABELS);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of("linkerd.io/inject", "enabled"));

        assertThat(pod.getContainers()).hasSize(1);
        assertThat(app.getImage()).as("by digest, from the pull host").isEqualTo(PULL_HOST + "/shop/web@" + DIGEST);
        assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("skyport-registry-pull");
        assertThat(pod.getEnableServiceLinks()).as("enableServiceLinks").isFalse();
        assertThat(pod.getAutomountServiceAccountToken()).as("automountServiceAccountToken").isFalse();
        assertThat(app.getSecurityContext()).as("nothing privileged").isNull();
        assertThat(app.getCommand()).containsExactly("node", "server.js");
        assertThat(app.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("PORT=8080", "GREETING=hello", "NODE_ENV=production");
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(app.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString(8080));
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(app.getReadinessProbe().getTcpSocket()).isNull();
        assertThat(app.getResources().getLimits().get("memory")).hasToString("512Mi");
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("skyport.dev/pool", "apps"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
    }

    @Test
    void withoutAHealthCheckPathBothProbesAreTcpOnThePort() {
        RunSpec spec = GoldenInputs.run();
        RunSpec tcp = new RunSpec(spec.microservice(), spec.deploymentId(), spec.image(), 3000, List.of(), Map.of(),
                null);
        Container app = new InstanceObjects(properties, REGISTRY).deployment(tcp, 1).getSpec().getTemplate()
                .getSpec().getContainers().get(0);

        assertThat(app.getReadinessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(3000));
        assertThat(app.getLivenessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(3000));
        assertThat(app.getReadinessProbe().getHttpGet()).isNull();
        assertThat(app.getCommand()).as("no command: the image's entrypoint").isNullOrEmpty();
    }

    @Test
    void withoutAPullHostTheImageIsPulledAsItWasPushed() {
        KubernetesProperties p = properties;
        KubernetesProperties noPullHost = new KubernetesProperties(p.buildNamespace(), p.appNamespace(),
                p.dockerVersion(), p.dindImage(), p.cliImage(), p.fetchImage(), p.registryMirror(), p.registrySecret(),
                p.pullSecret(), "", p.clusterDomain(), p.jobTtlAfterFinished(), p.progressDeadline(),
                p.buildResources(), p.dindResources(), p.instanceResources(), p.buildNodeSelector(),
                p.buildTolerations(), p.instanceNodeSelector(), p.instanceTolerations(), p.podAnnotations());

        assertThat(new InstanceObjects(noPullHost, REGISTRY).deployment(GoldenInputs.run(), 1).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo(REGISTRY + "/shop/web@" + DIGEST);
        assertThat(dockerConfigJson(PullSecret.secret(noPullHost, REGISTRY, CREDENTIALS))).contains("\"" + REGISTRY + "\"");
    }

    @Test
    void theServiceIsTheGoldenOne() {
        Service service = new InstanceObjects(properties, REGISTRY).service(WEB, 8080);
        assertThat(service.getSpec().getSelector()).as("selects every version's pods").isEqualTo(MICROSERVICE_LABELS);

        assertMatchesGolden(service, "service.yaml", Service.class);
    }

    @Test
    void thePullSecretIsTheGoldenOne() {
        Secret secret = PullSecret.secret(properties, REGISTRY, CREDENTIALS);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(secret.getMetadata().getNamespace()).as("in the app namespace").isEqualTo("skyport-apps");
        assertThat(dockerConfigJson(secret)).as("for the host the kubelet pulls from")
                .contains("\"" + PULL_HOST + "\"").doesNotContain(REGISTRY);

        // Compared readable: the golden file holds the JSON as stringData.
        Secret readable = Serialization.unmarshal(Serialization.asYaml(secret), Secret.class);
        readable.setStringData(Map.of(".dockerconfigjson", dockerConfigJson(secret)));
        readable.setData(null);
        assertMatchesGolden(readable, "pull-secret.yaml", Secret.class);
    }

    private Job renderJob() {
        return new BuildJobs(properties, REGISTRY).job(GoldenInputs.build(), GoldenInputs.buildImage(),
                java.net.URI.create(GoldenInputs.CONTEXT_URL), GoldenInputs.build().cacheFrom());
    }

    /**
     * Both sides go through the same YAML round trip (so an empty list and a missing one compare equal), then
     * every field is compared. The message shows the rendered object as YAML, for the review of a change.
     */
    private static <T extends HasMetadata> void assertMatchesGolden(T rendered, String file, Class<T> type) {
        String yaml = Serialization.asYaml(rendered);
        T actual = Serialization.unmarshal(yaml, type);
        T golden = Serialization.unmarshal(resource("/kubernetes/golden/" + file), type);
        assertThat(actual).as("%s, rendered as:%n%s", file, yaml).usingRecursiveComparison().isEqualTo(golden);
    }

    private static boolean privileged(Container container) {
        return container.getSecurityContext() != null && Boolean.TRUE.equals(container.getSecurityContext().getPrivileged());
    }

    private static Container container(PodSpec pod, String name) {
        return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String dockerConfigJson(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
    }

    private static String resource(String path) {
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
