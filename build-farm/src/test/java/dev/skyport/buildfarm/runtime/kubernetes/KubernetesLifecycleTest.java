package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.KubernetesFarm;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The build farm with the Kubernetes driver against the mock API server, whose missing controllers
 * {@link dev.skyport.buildfarm.testing.kubernetes.ClusterControllers} plays: a deploy builds in a Job
 * (built with the digest of its termination message), rolls out a Deployment behind a Service, and
 * routes to the Service's DNS name; a redeploy changes the Deployment's image and nothing else.
 */
class KubernetesLifecycleTest {

    private static KubernetesFarm kubernetes;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        kubernetes = KubernetesFarm.start();
        api = kubernetes.api();
    }

    @AfterAll
    static void stop() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    @Test
    void aDeployBuildsInAJobRunsADeploymentAndRoutesToItsService() {
        String app = newApp();
        String id = api.deploy(app, "web", archive("first"), item("/web", 8080));
        JsonNode deployment = api.awaitDeployment(app, id, Duration.ofSeconds(30), "running");

        String digest = kubernetes.controllers().pushedDigest(app, "web");
        String image = DevServices.get().registry() + "/" + app + "/web@" + digest;
        assertThat(statuses(app, id)).containsExactly("queued", "building", "built", "running");
        assertThat(deployment.get("image").asString()).as("built with the Job's digest").isEqualTo(image);
        assertThat(kubernetes.job(app, "web", id)).as("the finished Job stays for its TTL").isNotNull();

        Deployment live = kubernetes.deployment(app, "web");
        assertThat(live.getSpec().getReplicas()).isEqualTo(1);
        assertThat(kubernetes.deployedImage(app, "web")).isEqualTo(image);
        assertThat(live.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("skyport.dev/deployment", id);
        Service service = kubernetes.service(app, "web");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));

        RouteRecord route = kubernetes.route(app, "/web");
        assertThat(route.target()).hasToString(KubernetesFarm.serviceTarget(app, "web", 8080));
        assertThat(route.deploymentId()).isEqualTo(id);
        assertThat(api.microservice(app, "web").get("route").get("target").asString())
                .isEqualTo(KubernetesFarm.serviceTarget(app, "web", 8080));
        assertThat(api.logLines(app, id)).as("the build container's log, streamed")
                .anyMatch(l -> l.startsWith("Step 2/2"))
                .anyMatch(l -> l.startsWith("the build Job pushed ") && l.endsWith("(" + digest + ")"));
        assertThat(kubernetes.dispatcher().applies()).isNotEmpty()
                .allMatch(a -> "skyport".equals(a.fieldManager()) && a.force());
    }

    @Test
    void aRedeploySwitchesTheImageAndKeepsTheRouteTarget() {
        String app = newApp();
        String first = api.deploy(app, "api", archive("v1"), item("/api", 9000));
        api.awaitDeployment(app, first, Duration.ofSeconds(30), "running");
        String firstImage = kubernetes.deployedImage(app, "api");
        RouteRecord firstRoute = kubernetes.route(app, "/api");

        String second = api.deploy(app, "api", archive("v2"), item("/api", 9000));
        JsonNode deployment = api.awaitDeployment(app, second, Duration.ofSeconds(30), "running");

        assertThat(kubernetes.deployedImage(app, "api")).isNotEqualTo(firstImage)
                .isEqualTo(deployment.get("image").asString());
        assertThat(kubernetes.deployment(app, "api").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("skyport.dev/deployment", second);
        RouteRecord route = kubernetes.route(app, "/api");
        assertThat(route.target()).as("the Service's name, as before").isEqualTo(firstRoute.target());
        assertThat(route.deploymentId()).isEqualTo(second);
        assertThat(api.deployment(app, first).get("status").asString()).isEqualTo("superseded");
        assertThat(api.microservice(app, "api").get("currentDeployment").asString()).isEqualTo(second);
        // After the drain delay the previous deployment's Job goes; the new one's stays for its TTL.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(kubernetes.job(app, "api", first)).isNull());
        assertThat(kubernetes.job(app, "api", second)).isNotNull();
        assertThat(kubernetes.deployment(app, "api").getSpec().getReplicas()).isEqualTo(1);
    }

    private static String newApp() {
        return "k" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static byte[] archive(String marker) {
        return TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo " + marker + "\n").bytes();
    }

    private static List<String> statuses(String app, String id) {
        return api.logEvents(app, id, false, null).stream().filter(e -> "status".equals(e.event()))
                .map(e -> BuildFarmClient.JSON.readTree(e.data()).get("status").asString()).toList();
    }
}
