package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.SseEvent;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Builds of one microservice run one at a time (a newer deploy supersedes a queued one); builds overall are bounded. */
@Tag("engine")
class SerializedBuildsTest {

    private static final String APP = "serial" + UUID.randomUUID().toString().substring(0, 6);
    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start(Map.of("skyport.build-farm.builds.max-parallel", "1"));
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        try {
            for (String name : List.of("queue", "alpha", "beta", "doomed")) {
                api.delete("/v1/apps/" + APP + "/microservices/" + name);
            }
        } finally {
            farm.close();
        }
    }

    /** An httpd image whose build takes a few seconds, so that other requests arrive meanwhile. */
    private static byte[] slowBuild(String body) {
        return TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nRUN sleep 3\nCOPY index.html /var/www/index.html\n"
                        + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n")
                .file("index.html", body).bytes();
    }

    @Test
    void aNewerDeploySupersedesTheQueuedOneAndBuildsAfterTheRunningBuild() {
        String first = api.deploy(APP, "queue", slowBuild("one"), item("/queue", 8080));
        api.awaitDeployment(APP, first, Duration.ofSeconds(30), "building");
        String second = api.deploy(APP, "queue", ServiceArchives.httpd("two", 8080), item("/queue", 8080));
        String third = api.deploy(APP, "queue", ServiceArchives.httpd("three", 8080), item("/queue", 8080));

        assertThat(api.deployment(APP, second).get("status").asString()).isEqualTo("superseded");
        assertThat(api.deployment(APP, second).get("message").asString()).contains("replaced by " + third);
        assertThat(api.deployment(APP, third).get("status").asString()).isEqualTo("queued");

        api.awaitDeployment(APP, third, Duration.ofMinutes(2), "running");

        assertThat(api.deployment(APP, first).get("status").asString()).isEqualTo("superseded");
        assertThat(api.logLines(APP, second)).isEmpty();
        long firstBuilt = statusEventTime(first, "built");
        long thirdBuilding = statusEventTime(third, "building");
        assertThat(thirdBuilding).isGreaterThanOrEqualTo(firstBuilt);
        assertThat(api.microservice(APP, "queue").get("currentDeployment").asString()).isEqualTo(third);
    }

    @Test
    void buildsOfDifferentMicroservicesWaitForAFreeSlot() {
        String alpha = api.deploy(APP, "alpha", slowBuild("alpha"), item("/alpha", 8080));
        String beta = api.deploy(APP, "beta", slowBuild("beta"), item("/beta", 8080));

        api.awaitDeployment(APP, alpha, Duration.ofMinutes(2), "running");
        api.awaitDeployment(APP, beta, Duration.ofMinutes(2), "running");

        // With one slot, one build ends before the other begins, whichever went first.
        long alphaStart = statusEventTime(alpha, "building");
        long alphaEnd = statusEventTime(alpha, "built");
        long betaStart = statusEventTime(beta, "building");
        long betaEnd = statusEventTime(beta, "built");
        assertThat(alphaEnd <= betaStart || betaEnd <= alphaStart)
                .as("alpha built %d..%d, beta %d..%d", alphaStart, alphaEnd, betaStart, betaEnd).isTrue();
    }

    /** The time (ms) of the deployment's status event, from its stream id. */
    private static long statusEventTime(String deploymentId, String status) {
        for (SseEvent event : api.logEvents(APP, deploymentId, false, null)) {
            if ("status".equals(event.event())
                    && BuildFarmClient.JSON.readTree(event.data()).get("status").asString().equals(status)) {
                return Long.parseLong(event.id().substring(0, event.id().indexOf('-')));
            }
        }
        throw new AssertionError("no '" + status + "' event for " + deploymentId);
    }

    @Test
    void aDeleteDuringABuildCancelsItAndLeavesNothing() {
        String id = api.deploy(APP, "doomed", slowBuild("doomed"), item("/doomed", 8080));
        api.awaitDeployment(APP, id, Duration.ofSeconds(30), "building");

        assertThat(api.delete("/v1/apps/" + APP + "/microservices/doomed").status()).isEqualTo(204);

        assertThat(api.get("/v1/apps/" + APP + "/deployments/" + id).status()).isEqualTo(404);
        var redis = farm.bean(org.springframework.data.redis.core.StringRedisTemplate.class);
        var docker = farm.bean(com.github.dockerjava.api.DockerClient.class);
        // Whatever the cancelled build got to, nothing of it stays or ever runs.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(redis.keys("skyport:*doomed*")).isEmpty();
                    assertThat(redis.keys("skyport:*" + id + "*")).isEmpty();
                    assertThat(docker.listContainersCmd().withShowAll(true)
                            .withLabelFilter(Map.of("skyport.dev/microservice", "doomed", "skyport.dev/app", APP))
                            .exec()).isEmpty();
                    assertThat(docker.listImagesCmd().withReferenceFilter("127.0.0.1:15000/" + APP + "/doomed")
                            .exec()).isEmpty();
                });
    }
}
