package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A build farm restart in the middle of a build leaves no record in {@code building}: it resumes, or fails with a reason. */
@Tag("engine")
class RestartReconciliationTest {

    @BeforeAll
    static void seed() {
        BaseImages.ensureBusybox();
    }

    private static byte[] slowBuild(String body) {
        return TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nRUN echo sleeping && sleep 6\n"
                        + "COPY index.html /var/www/index.html\n"
                        + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n")
                .file("index.html", body).bytes();
    }

    /** Deploys a slow build and restarts the build farm while its RUN step sleeps. */
    private static String deployAndRestartMidBuild(TestBuildFarm farm, String app, String body) {
        BuildFarmClient api = farm.client();
        String id = api.deploy(app, "api", slowBuild(body), item("/api", 8080));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.logLines(app, id).contains("sleeping"));
        assertThat(api.deployment(app, id).get("status").asString()).isEqualTo("building");
        farm.restart();
        return id;
    }

    @Test
    void aBuildInterruptedByARestartIsBuiltAgain() throws Exception {
        String app = "rs" + UUID.randomUUID().toString().substring(0, 6);
        try (TestBuildFarm farm = TestBuildFarm.start()) {
            String id = deployAndRestartMidBuild(farm, app, "resumed");
            BuildFarmClient api = farm.client();

            JsonNode deployment = api.awaitDeployment(app, id, Duration.ofMinutes(2), "running");

            assertThat(api.logLines(app, id)).contains("the build farm restarted during this build; building again");
            List<String> statuses = api.logEvents(app, id, false, null).stream()
                    .filter(e -> "status".equals(e.event()))
                    .map(e -> BuildFarmClient.JSON.readTree(e.data()).get("status").asString()).toList();
            assertThat(statuses).containsExactly("queued", "building", "queued", "building", "built", "running");
            assertThat(deployment.get("image").asString()).contains("@sha256:");
            assertThat(fetch(api.microservice(app, "api").get("route").get("target").asString() + "/").body())
                    .isEqualTo("resumed");
            api.delete("/v1/apps/" + app + "/microservices/api");
        }
    }

    @Test
    void withResumeOffTheInterruptedBuildFailsWithTheReason() {
        String app = "rf" + UUID.randomUUID().toString().substring(0, 6);
        try (TestBuildFarm farm = TestBuildFarm.start(Map.of("skyport.build-farm.builds.resume-after-restart",
                "false"))) {
            String id = deployAndRestartMidBuild(farm, app, "never");
            BuildFarmClient api = farm.client();

            JsonNode deployment = api.awaitDeployment(app, id, Duration.ofSeconds(30), "build_failed");

            assertThat(deployment.get("message").asString()).contains("restarted before this build finished");
            JsonNode microservice = api.microservice(app, "api");
            assertThat(microservice.get("status").asString()).isEqualTo("build_failed");
            assertThat(microservice.get("message").asString()).contains("interrupted by a build farm restart");
            assertThat(microservice.get("route").isNull()).isTrue();
            api.delete("/v1/apps/" + app + "/microservices/api");
        }
    }
}
