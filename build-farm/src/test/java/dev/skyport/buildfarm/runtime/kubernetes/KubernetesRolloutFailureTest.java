package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers.Rollout;
import dev.skyport.buildfarm.testing.kubernetes.KubernetesFarm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A rollout that fails (CrashLoopBackOff, ProgressDeadlineExceeded) ends {@code deploy_failed} with the
 * reason and the container's last log lines, and the cluster is put back to what serves: the previous
 * version's Deployment, or none running.
 */
class KubernetesRolloutFailureTest {

    private static final String APP = "krf" + UUID.randomUUID().toString().substring(0, 6);
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
    void aFirstVersionInCrashLoopBackOffIsDeployFailedAndScaledToZero() {
        kubernetes.controllers().rollouts(APP, "crashing", Rollout.CRASH_LOOP);

        String id = api.deploy(APP, "crashing", archive("crash"), item("/crashing", 8080));
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofSeconds(30), "deploy_failed");

        assertThat(deployment.get("message").asString()).contains(id, "CrashLoopBackOff",
                "back-off 40s restarting failed container", "restarted 4 times");
        assertThat(api.logLines(APP, id)).as("the container's last log lines")
                .contains("| booting", "| cannot open the database");
        assertThat(kubernetes.deployment(APP, "crashing").getSpec().getReplicas()).as("nothing runs").isZero();
        assertThat(kubernetes.route(APP, "/crashing")).isNull();
        assertThat(api.microservice(APP, "crashing").get("status").asString()).isEqualTo("deploy_failed");
    }

    @Test
    void aRolloutPastItsProgressDeadlineIsDeployFailedNamingTheSetting() {
        kubernetes.controllers().rollouts(APP, "stuck", Rollout.PROGRESS_DEADLINE);

        String id = api.deploy(APP, "stuck", archive("stuck"), item("/stuck", 8080));
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofSeconds(30), "deploy_failed");

        assertThat(deployment.get("message").asString()).contains("ProgressDeadlineExceeded",
                "skyport.build-farm.kubernetes.progress-deadline");
        assertThat(api.logLines(APP, id)).contains("| cannot open the database");
        assertThat(kubernetes.deployment(APP, "stuck").getSpec().getReplicas()).isZero();
        assertThat(kubernetes.route(APP, "/stuck")).isNull();
    }

    @Test
    void aRedeployThatCrashLoopsPutsTheDeploymentBackOnThePreviousImage() {
        String first = api.deploy(APP, "shop", archive("v1"), item("/shop", 8080));
        api.awaitDeployment(APP, first, Duration.ofSeconds(30), "running");
        String firstImage = kubernetes.deployedImage(APP, "shop");

        kubernetes.controllers().rollouts(APP, "shop", Rollout.CRASH_LOOP);
        String second = api.deploy(APP, "shop", archive("v2"), item("/shop", 8080));
        JsonNode failed = api.awaitDeployment(APP, second, Duration.ofSeconds(30), "deploy_failed");

        assertThat(failed.get("message").asString()).contains("CrashLoopBackOff");
        assertThat(api.logLines(APP, second)).contains("| cannot open the database")
                .anyMatch(l -> l.startsWith("putting back the previous version of"));
        Deployment live = kubernetes.deployment(APP, "shop");
        assertThat(kubernetes.deployedImage(APP, "shop")).as("the cluster matches what serves").isEqualTo(firstImage)
                .isNotEqualTo(failed.get("image").asString());
        assertThat(live.getSpec().getReplicas()).isEqualTo(1);
        assertThat(live.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("skyport.dev/deployment", first);
        // The put-back rolls the first version out again, and it becomes available.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment now = kubernetes.deployment(APP, "shop");
            assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
            assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(1);
            assertThat(pods("shop")).singleElement().satisfies(pod -> assertThat(pod.getMetadata().getLabels())
                    .containsEntry("skyport.dev/deployment", first));
        });
        JsonNode microservice = api.microservice(APP, "shop");
        assertThat(microservice.get("currentDeployment").asString()).isEqualTo(first);
        assertThat(microservice.get("message").asString()).endsWith("still serving " + first);
        assertThat(kubernetes.route(APP, "/shop").deploymentId()).isEqualTo(first);
        assertThat(api.deployment(APP, first).get("status").asString()).isEqualTo("running");
    }

    private static List<Pod> pods(String microservice) {
        return kubernetes.client().pods().inNamespace(KubernetesFarm.APPS).withLabel("skyport.dev/app", APP)
                .withLabel("skyport.dev/microservice", microservice).list().getItems();
    }

    private static byte[] archive(String marker) {
        return TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo " + marker + "\n").bytes();
    }
}
