package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.lifecycle.MicroserviceLifecycle;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers.Build;
import dev.skyport.buildfarm.testing.kubernetes.KubernetesFarm;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stop scales the Deployment to zero and removes the route; start scales it to one and publishes the
 * route only once the rollout is available; delete removes the Deployment, the Service, the Jobs, the
 * route and the records, and a delete during a build deletes the build's Job.
 */
class KubernetesStopStartDeleteTest {

    private static final String APP = "kssd" + UUID.randomUUID().toString().substring(0, 6);
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
    void stopScalesToZeroAndStartScalesToOneAndRoutesOnceAvailable() throws Exception {
        String id = api.deploy(APP, "web", archive("web"), item("/web", 8080));
        api.awaitDeployment(APP, id, Duration.ofSeconds(30), "running");
        String image = kubernetes.deployedImage(APP, "web");

        BuildFarmClient.Response stopped = api.post(path("web") + "/stop", Map.of());

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body().get("microservice").get("status").asString()).isEqualTo("stopped");
        assertThat(kubernetes.route(APP, "/web")).isNull();
        assertThat(kubernetes.deployment(APP, "web").getSpec().getReplicas()).isZero();
        assertThat(kubernetes.deployedImage(APP, "web")).isEqualTo(image);
        assertThat(kubernetes.service(APP, "web")).as("the Service stays").isNotNull();

        kubernetes.controllers().hold(APP, "web");
        CompletableFuture<BuildFarmClient.Response> started = CompletableFuture.supplyAsync(() ->
                api.post(path("web") + "/start", Map.of()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(kubernetes.deployment(APP, "web").getSpec().getReplicas()).isEqualTo(1));
        assertThat(kubernetes.route(APP, "/web")).as("no route while the rollout is not available").isNull();
        assertThat(started).isNotDone();

        kubernetes.controllers().release(APP, "web");
        BuildFarmClient.Response response = started.get(30, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(kubernetes.route(APP, "/web").target()).hasToString(KubernetesFarm.serviceTarget(APP, "web", 8080));
        assertThat(kubernetes.route(APP, "/web").deploymentId()).isEqualTo(id);
        assertThat(kubernetes.deployedImage(APP, "web")).isEqualTo(image);
        assertThat(api.deployment(APP, id).get("status").asString()).isEqualTo("running");
    }

    @Test
    void deleteRemovesTheDeploymentServiceJobsRouteAndRecords() {
        String first = api.deploy(APP, "gone", archive("v1"), item("/gone", 8080));
        api.awaitDeployment(APP, first, Duration.ofSeconds(30), "running");
        String second = api.deploy(APP, "gone", archive("v2"), item("/gone", 8080));
        api.awaitDeployment(APP, second, Duration.ofSeconds(30), "running");
        assertThat(kubernetes.jobs(APP, "gone")).isNotEmpty();

        assertThat(api.delete(path("gone")).status()).isEqualTo(204);

        assertThat(kubernetes.deployment(APP, "gone")).isNull();
        assertThat(kubernetes.service(APP, "gone")).isNull();
        assertThat(kubernetes.jobs(APP, "gone")).isEmpty();
        assertThat(kubernetes.route(APP, "/gone")).isNull();
        assertThat(api.get(path("gone")).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps/" + APP + "/deployments/" + first).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps/" + APP + "/deployments/" + second).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kubernetes.client().pods()
                .inNamespace(KubernetesFarm.APPS).withLabel("skyport.dev/app", APP)
                .withLabel("skyport.dev/microservice", "gone").list().getItems()).isEmpty());
        assertThat(kubernetes.client().secrets().inNamespace(KubernetesFarm.APPS).withName("skyport-registry-pull")
                .get()).as("the pull Secret is every app's").isNotNull();
    }

    @Test
    void deleteDuringABuildCancelsItAndDeletesItsJob() {
        kubernetes.controllers().builds(APP, "slow", Build.HANG);
        String id = api.deploy(APP, "slow", archive("slow"), item("/slow", 8080));
        api.awaitDeployment(APP, id, Duration.ofSeconds(30), "building");
        await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.job(APP, "slow", id) != null);

        assertThat(api.delete(path("slow")).status()).isEqualTo(204);

        MicroserviceLifecycle lifecycle = kubernetes.farm().bean(MicroserviceLifecycle.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(kubernetes.job(APP, "slow", id)).isNull();
            assertThat(lifecycle.busy(new MicroserviceKey(APP, "slow"))).as("the build's worker ended").isFalse();
        });
        assertThat(kubernetes.deployment(APP, "slow")).as("nothing rolled out").isNull();
        assertThat(api.get("/v1/apps/" + APP + "/deployments/" + id).status()).isEqualTo(404);
    }

    private static String path(String microservice) {
        return "/v1/apps/" + APP + "/microservices/" + microservice;
    }

    private static byte[] archive(String marker) {
        return TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo " + marker + "\n").bytes();
    }
}
