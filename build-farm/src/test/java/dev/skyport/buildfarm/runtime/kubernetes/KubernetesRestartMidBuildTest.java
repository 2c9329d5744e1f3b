package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers.Build;
import dev.skyport.buildfarm.testing.kubernetes.KubernetesFarm;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A build farm that stops while a build Job runs leaves the Job alone; the next one resumes the
 * deployment, adopts the same Job instead of making another, and finishes it to {@code running}.
 */
class KubernetesRestartMidBuildTest {

    private static final String APP = "krmb" + UUID.randomUUID().toString().substring(0, 6);
    private static KubernetesFarm kubernetes;

    @BeforeAll
    static void start() {
        kubernetes = KubernetesFarm.start();
    }

    @AfterAll
    static void stop() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    @Test
    void aNewBuildFarmAdoptsTheRunningJobAndFinishesIt() {
        kubernetes.controllers().builds(APP, "web", Build.HANG);
        String id = kubernetes.api().deploy(APP, "web", TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n")
                .bytes(), item("/web", 8080));
        kubernetes.api().awaitDeployment(APP, id, Duration.ofSeconds(30), "building");
        await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.job(APP, "web", id) != null);
        String uid = kubernetes.job(APP, "web", id).getMetadata().getUid();

        kubernetes.farm().restart();

        Job after = kubernetes.job(APP, "web", id);
        assertThat(after).as("the shutdown left the Job running").isNotNull();
        assertThat(after.getMetadata().getUid()).as("the same Job, not a new one").isEqualTo(uid);
        BuildFarmClient api = kubernetes.api();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.logLines(APP, id))
                .anyMatch(l -> l.startsWith("adopting build Job skyport-builds/" + after.getMetadata().getName())));
        assertThat(api.deployment(APP, id).get("status").asString()).as("no record stays building for nothing")
                .isEqualTo("building");

        assertThat(kubernetes.controllers().completeJob(APP, "web")).isEqualTo(1);
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofSeconds(30), "running");

        assertThat(deployment.get("image").asString()).endsWith("@" + kubernetes.controllers().pushedDigest(APP, "web"));
        assertThat(kubernetes.jobs(APP, "web")).singleElement().satisfies(job ->
                assertThat(job.getMetadata().getUid()).isEqualTo(uid));
        assertThat(kubernetes.route(APP, "/web").target()).hasToString(KubernetesFarm.serviceTarget(APP, "web", 8080));
        List<String> statuses = api.logEvents(APP, id, false, null).stream().filter(e -> "status".equals(e.event()))
                .map(e -> BuildFarmClient.JSON.readTree(e.data()).get("status").asString()).toList();
        assertThat(statuses).containsExactly("queued", "building", "queued", "building", "built", "running");
    }
}
