package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

/**
 * The Kubernetes driver against a real cluster: K3s from Testcontainers, a basic-auth {@code registry:2}
 * beside it, and a build farm in this JVM. A deploy builds in a real Job (Docker-in-Docker, the real
 * {@code kubernetes/build.sh}), pushes, rolls out a real Deployment behind a Service, routes to the
 * Service's DNS name, and the app answers through a port-forward to that Service; delete removes it all.
 *
 * <p>Runs only with {@code ./mvnw -pl build-farm -Pk3s verify} (failsafe), never in the default build. It
 * has not been run where it was written: that machine cannot pull images. What it assumes:
 * <ul>
 *   <li>a Linux Docker Engine (Testcontainers' usual discovery, e.g. {@code DOCKER_HOST}) that may run
 *       privileged containers (K3s; inside it, the privileged DinD sidecar) and pull {@code rancher/k3s},
 *       {@code registry:2}, {@code docker:27.3-dind}, {@code docker:27.3-cli} and {@code busybox:1.36};</li>
 *   <li>container IPs on a Docker bridge network reachable from this JVM (true on Linux, not on Docker
 *       Desktop): the build farm verifies manifests at the registry's container IP, the same address the
 *       build pods push to and K3s pulls from ({@code registries.yaml} makes that plain HTTP);</li>
 *   <li>the network's gateway (this host) reachable from pods: build pods fetch their context from the
 *       build farm, which listens on all addresses here;</li>
 *   <li>{@code scripts/dev-services up} for the build farm's private {@code redis-server} (TestBuildFarm).</li>
 * </ul>
 */
@Tag("k3s")
class K3sLifecycleIT {

    private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.31.4-k3s1");
    private static final String APP = "k3s" + UUID.randomUUID().toString().substring(0, 6);

    private static Network network;
    private static GenericContainer<?> registry;
    private static K3sContainer k3s;
    private static KubernetesClient client;
    private static TestBuildFarm farm;
    private static String previousKubeconfig;

    @BeforeAll
    static void start() throws IOException {
        RegistryCredentials credentials = CredentialsDirectory.load(DevServices.get().registryCredentials());
        network = Network.newNetwork();
        registry = new GenericContainer<>(DockerImageName.parse("registry:2"))
                .withNetwork(network)
                .withCopyToContainer(Transferable.of(credentials.username() + ":"
                        + new BCryptPasswordEncoder().encode(credentials.password()) + "\n"), "/auth/htpasswd")
                .withEnv("REGISTRY_AUTH", "htpasswd")
                .withEnv("REGISTRY_AUTH_HTPASSWD_REALM", "skyport")
                .withEnv("REGISTRY_AUTH_HTPASSWD_PATH", "/auth/htpasswd")
                .withEnv("REGISTRY_STORAGE_DELETE_ENABLED", "true")
                .waitingFor(Wait.forHttp("/v2/").forStatusCode(401));
        registry.start();
        String registryAddress = registry.getContainerInfo().getNetworkSettings().getNetworks().values().iterator()
                .next().getIpAddress() + ":5000";

        // containerd pulls over HTTPS unless told otherwise.
        k3s = new K3sContainer(K3S).withNetwork(network).withCopyToContainer(Transferable.of(
                "mirrors:\n  \"" + registryAddress + "\":\n    endpoint:\n      - \"http://" + registryAddress + "\"\n"),
                "/etc/rancher/k3s/registries.yaml");
        k3s.start();
        Path kubeconfig = Files.createTempFile("skyport-k3s", ".yaml");
        Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
        for (String namespace : new String[] {"skyport-builds", "skyport-apps"}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
        // What the Helm chart makes: the registry Secret the build container logs in with.
        client.secrets().inNamespace("skyport-builds").resource(new SecretBuilder().withNewMetadata()
                .withName("skyport-registry").endMetadata().addToStringData("username", credentials.username())
                .addToStringData("password", credentials.password()).build()).create();

        String gateway = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId())
                .exec().getIpam().getConfig().get(0).getGateway();
        int port = freePort();
        // The driver's client reads the kubeconfig (K3s authenticates with client certificates).
        previousKubeconfig = System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.address", "0.0.0.0");
        settings.put("server.port", String.valueOf(port));
        settings.put("skyport.build-farm.build-context.public-url", "http://" + gateway + ":" + port);
        settings.put("skyport.build-farm.registry.address", registryAddress);
        settings.put("skyport.build-farm.runtime.readiness-timeout", "10m");
        settings.put("skyport.build-farm.builds.timeout", "15m");
        farm = TestBuildFarm.startKubernetes(client.getMasterUrl().toString(), settings);
    }

    @AfterAll
    static void stop() {
        if (farm != null) {
            farm.close();
        }
        if (previousKubeconfig == null) {
            System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        } else {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previousKubeconfig);
        }
        if (client != null) {
            client.close();
        }
        if (k3s != null) {
            k3s.stop();
        }
        if (registry != null) {
            registry.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aDeployBuildsInAJobRunsBehindAServiceAnswersAndIsDeletedAgain() throws IOException, InterruptedException {
        BuildFarmClient api = farm.client();
        String id = api.deploy(APP, "web", ServiceArchives.httpd("hello from k3s", 8080), item("/web", 8080));
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofMinutes(15), "running");

        String name = KubernetesNames.instance(new MicroserviceKey(APP, "web"));
        assertThat(deployment.get("image").asString()).contains("@sha256:");
        assertThat(client.apps().deployments().inNamespace("skyport-apps").withName(name).get().getStatus()
                .getAvailableReplicas()).isEqualTo(1);
        String route = farm.bean(StringRedisTemplate.class).<String, String>opsForHash()
                .get(RedisKeys.routes(APP), "/web");
        assertThat(new RouteCodec().decode(route).target())
                .hasToString("http://" + name + ".skyport-apps.svc.cluster.local:8080");
        assertThat(api.logLines(APP, id)).anyMatch(l -> l.startsWith("skyport: pushed "));
        try (LocalPortForward forward = client.services().inNamespace("skyport-apps").withName(name).portForward(8080)) {
            assertThat(BuildFarmClient.fetch("http://127.0.0.1:" + forward.getLocalPort() + "/").body())
                    .isEqualTo("hello from k3s");
        }

        assertThat(api.delete("/v1/apps/" + APP + "/microservices/web").status()).isEqualTo(204);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace("skyport-apps").withName(name).get()).isNull();
            assertThat(client.services().inNamespace("skyport-apps").withName(name).get()).isNull();
            assertThat(client.batch().v1().jobs().inNamespace("skyport-builds").withLabel("skyport.dev/app", APP)
                    .list().getItems()).isEmpty();
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
