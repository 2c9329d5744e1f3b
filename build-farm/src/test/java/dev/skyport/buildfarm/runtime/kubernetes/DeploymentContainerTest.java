package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.DeploymentContainer;
import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.BaseImages;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Deployment the driver renders, run for real: a busybox httpd image built on the local Engine and
 * pushed to the dev-services registry (so the Deployment names it by digest), run from what the rendered
 * object says (image, command, env, port) by {@link DeploymentContainer}, whose probes (the ones the
 * Deployment declares) must pass. A probe on a path that does not exist must fail, so a probe check that
 * passes everything would be caught.
 */
@Tag("engine")
class DeploymentContainerTest {

    private static final String APP = "kdc" + UUID.randomUUID().toString().substring(0, 6);
    private static final MicroserviceKey WEB = new MicroserviceKey(APP, "web");

    private static DockerClient docker;
    private static String registry;
    private static RegistryCredentials credentials;
    private static String repository;
    private static String imageByDigest;

    @BeforeAll
    static void buildAndPush() throws InterruptedException {
        BaseImages.ensureBusybox();
        DevServices services = DevServices.get();
        registry = services.registry();
        credentials = CredentialsDirectory.load(services.registryCredentials());
        URI engine = URI.create(services.dockerHost());
        docker = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(engine.toString()).build(), new ApacheDockerHttpClient.Builder().dockerHost(engine).build());
        // CMD false: the image does nothing by itself; the Deployment's command makes it serve.
        byte[] context = TestArchive.create().file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\n"
                + "RUN mkdir -p /www && echo ok > /www/healthz\nCMD [\"false\"]\n").bytes();
        repository = registry + "/" + APP + "/web";
        docker.buildImageCmd(new ByteArrayInputStream(context)).withTags(Set.of(repository + ":v1")).withPull(false)
                .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        docker.pushImageCmd(repository).withTag("v1").withAuthConfig(new AuthConfig().withRegistryAddress(registry)
                .withUsername(credentials.username()).withPassword(credentials.password()))
                .exec(new ResultCallback.Adapter<>()).awaitCompletion(5, TimeUnit.MINUTES);
        String digest = RegistryClient.plainHttp(registry, credentials).manifestDigest(APP + "/web", "v1").orElseThrow();
        imageByDigest = repository + "@" + digest;
        // Gone locally, so the container's image comes from the registry, by digest, with the credentials.
        docker.removeImageCmd(repository + ":v1").exec();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (docker == null) {
            return;
        }
        try {
            if (imageByDigest != null) {
                RegistryClient.plainHttp(registry, credentials).deleteManifest(APP + "/web",
                        imageByDigest.substring(imageByDigest.indexOf('@') + 1));
                removeImage(imageByDigest);
            }
        } finally {
            docker.close();
        }
    }

    @Test
    void theRenderedContainerServesAndPassesItsHttpProbes() throws Exception {
        Deployment deployment = render(new RunSpec(WEB, "d-1", imageByDigest, 8081,
                List.of("sh", "-c", "echo \"greeting=$GREETING port=$PORT\" > /www/index.html;"
                        + " exec httpd -f -p $PORT -h /www"),
                Map.of("GREETING", "hi there"), "/healthz"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(imageByDigest);

        try (DeploymentContainer container = DeploymentContainer.start(docker, deployment, registry, credentials)) {
            awaitPassing(container);

            assertThat(BuildFarmClient.fetch("http://127.0.0.1:" + container.hostPort(8081) + "/").body().strip())
                    .as("command, PORT and the environment as rendered").isEqualTo("greeting=hi there port=8081");
        }
    }

    @Test
    void withoutAHealthCheckPathTheTcpProbesPass() {
        Deployment deployment = render(new RunSpec(WEB, "d-2", imageByDigest, 9090,
                List.of("httpd", "-f", "-p", "9090", "-h", "/www"), Map.of(), null));

        try (DeploymentContainer container = DeploymentContainer.start(docker, deployment, registry, credentials)) {
            awaitPassing(container);
        }
    }

    @Test
    void aProbeOnAMissingPathFails() {
        Deployment deployment = render(new RunSpec(WEB, "d-3", imageByDigest, 8082,
                List.of("httpd", "-f", "-p", "8082", "-h", "/www"), Map.of(), "/missing"));

        try (DeploymentContainer container = DeploymentContainer.start(docker, deployment, registry, credentials)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(container.readiness())
                    .equals("GET /missing answered 404"));
            assertThat(container.liveness()).isEqualTo("GET /missing answered 404");
        }
    }

    @Test
    void aTcpProbeOnAPortNothingListensOnFails() {
        Deployment deployment = render(new RunSpec(WEB, "d-4", imageByDigest, 7070, List.of("sleep", "600"),
                Map.of(), null));

        try (DeploymentContainer container = DeploymentContainer.start(docker, deployment, registry, credentials)) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> container.readiness() != null && container.liveness() != null);
        }
    }

    private static void awaitPassing(DeploymentContainer container) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(container.readiness()).as("readiness; logs: " + container.logs()).isNull();
            assertThat(container.liveness()).as("liveness").isNull();
        });
    }

    private static Deployment render(RunSpec spec) {
        KubernetesProperties defaults = GoldenInputs.properties();
        KubernetesProperties properties = new KubernetesProperties(defaults.buildNamespace(), defaults.appNamespace(),
                defaults.dockerVersion(), "", "", defaults.fetchImage(), "", defaults.registrySecret(),
                defaults.pullSecret(), "", "cluster.local", defaults.jobTtlAfterFinished(),
                defaults.progressDeadline(), defaults.buildResources(), defaults.dindResources(),
                defaults.instanceResources(), Map.of(), List.of(), Map.of(), List.of(), Map.of());
        return new InstanceObjects(properties, registry).deployment(spec, 1);
    }

    private static void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException gone) {
            // not pulled
        }
    }
}
