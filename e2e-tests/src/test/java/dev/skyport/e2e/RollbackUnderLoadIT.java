package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.e2e.support.DockerState;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.RequestLoad;
import dev.skyport.e2e.support.Skycli;
import dev.skyport.testing.BaseImages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code skycli app rollback} on the Docker driver with the whole platform: two versions deployed with
 * skycli, a rollback to the first while a wrk-style load runs through the gateway (not one failed
 * request, and then only the first version), a roll forward with {@code --to}, the targets in
 * {@code skycli app status}, and a refusal for an id that is no deployment.
 */
class RollbackUnderLoadIT {

    private static final String ITEM = "web";
    private static final String DOCKERFILE = """
            FROM busybox:1.36
            COPY www/ /www/
            CMD ["sh", "-c", "exec httpd -f -p \\"${PORT:-8080}\\" -h /www"]
            """;
    private static final Set<String> SERVED = Set.of("200 v1", "200 v2");
    /** How many answers of v1 to requests sent after the rollback ended before the load stops. */
    private static final int V1_AFTER_SWITCH = 200;

    private static Platform platform;
    private static Skycli skycli;
    private static GatewayClient http;
    private static final List<Path> PROJECTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        platform = Platform.get();
        skycli = platform.skycli();
        http = platform.http();
    }

    @AfterAll
    static void deleteApps() {
        for (Path project : PROJECTS) {
            skycli.run(project, "app", "delete", ITEM, "--yes");
        }
    }

    @Test
    void aRollbackUnderLoadFailsNoRequestThenServesTheEarlierVersionAndRollsForward() {
        String app = Projects.appName("rollback");
        Path project = Projects.dockerfile(app, ITEM, "/web", DOCKERFILE, Map.of("www/index.html", "v1"));
        PROJECTS.add(project);

        // 1. Two versions, deployed as a developer does.
        Skycli.Result deployV1 = skycli.run(project, "app", "deploy");
        assertThat(deployV1.exitCode()).as(deployV1.toString()).isZero();
        JsonNode v1 = http.microservice(app, ITEM);
        assertThat(v1.get("status").asString()).isEqualTo("running");
        assertThat(http.get(app, "/web/").body()).isEqualTo("v1");

        Projects.write(project, Map.of("www/index.html", "v2"));
        Skycli.Result deployV2 = skycli.run(project, "app", "deploy");
        assertThat(deployV2.exitCode()).as(deployV2.toString()).isZero();
        JsonNode v2 = http.microservice(app, ITEM);
        assertThat(v2.get("status").asString()).isEqualTo("running");
        String v1Id = v1.get("currentDeployment").asString();
        String v2Id = v2.get("currentDeployment").asString();
        String v1Image = v1.get("image").asString();
        String v2Image = v2.get("image").asString();
        assertThat(v2Id).isNotEqualTo(v1Id);
        assertThat(v2Image).isNotEqualTo(v1Image);
        assertThat(http.get(app, "/web/").body()).isEqualTo("v2");
        // The v1 container is drained and removed after the switch; the rollback starts from one container.
        try (DockerState docker = new DockerState()) {
            await("v1's container removed after the deploy of v2").atMost(Duration.ofSeconds(60))
                    .until(() -> docker.containers(app).size() == 1);
        }

        // 2. The rollback, under load.
        RequestLoad load = RequestLoad.start(platform.gateway(), app, "/web/", 4, 1_000_000, Duration.ofMinutes(3));
        RequestLoad.Summary summary;
        Skycli.Result rollback;
        long rollbackStarted;
        long rollbackEnded;
        try {
            await("the load to be served v2").atMost(Duration.ofSeconds(30))
                    .failFast("the load ended", load::ended)
                    .until(() -> load.count(a -> a.outcome().equals("200 v2")) >= 100);
            rollbackStarted = System.nanoTime();
            rollback = skycli.run(project, "app", "rollback", ITEM);
            rollbackEnded = System.nanoTime();
            assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
            assertThat(rollback.stdout()).contains(ITEM + ": rolling back to " + v1Id + " as ")
                    .contains(ITEM + ": running at ");
            // The load goes on until the v2 container is drained and removed, and v1 has answered requests
            // sent after the rollback ended.
            try (DockerState docker = new DockerState()) {
                await("v2's container removed and " + V1_AFTER_SWITCH + " answers of v1 after the rollback")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .failFast("the load ended", load::ended)
                        .until(() -> docker.containers(app).size() == 1 && load.count(
                                a -> a.sentAt() - rollbackEnded > 0 && a.outcome().equals("200 v1")) >= V1_AFTER_SWITCH);
            }
        } finally {
            summary = load.stop();
        }
        RequestLoad.Answer firstV1 = load.first(a -> a.outcome().equals("200 v1"));
        long v1AfterSwitch = load.count(a -> a.sentAt() - rollbackEnded > 0 && a.outcome().equals("200 v1"));
        long v2AfterSwitch = load.count(a -> a.sentAt() - rollbackEnded > 0 && a.outcome().equals("200 v2"));
        long failed = summary.count(outcome -> !SERVED.contains(outcome));
        System.out.printf(Locale.ROOT, "rollback under load: %d threads, %d requests in %.1f s (ended by %s),"
                        + " %d failed, v2 %d, v1 %d; skycli app rollback took %.1f s, first v1 answer %.1f s after it"
                        + " started; after it ended: v1 %d, v2 %d; outcomes %s%n",
                summary.threads(), summary.sent(), summary.elapsed().toMillis() / 1000.0, summary.endedBy(), failed,
                summary.count("200 v2"::equals), summary.count("200 v1"::equals),
                (rollbackEnded - rollbackStarted) / 1e9,
                firstV1 == null ? Double.NaN : (firstV1.answeredAt() - rollbackStarted) / 1e9,
                v1AfterSwitch, v2AfterSwitch, summary.outcomes());

        System.out.println("skycli app rollback " + ITEM + ":\n" + rollback);
        assertThat(summary.endedBy()).isEqualTo("stop()");
        assertThat(summary.outcomes()).as("every answer under load").containsOnlyKeys(SERVED);
        assertThat(failed).isZero();
        assertThat(v1AfterSwitch).isGreaterThanOrEqualTo(V1_AFTER_SWITCH);
        assertOnlyServes(app, "v1");
        JsonNode rolledBack = http.microservice(app, ITEM);
        assertThat(rolledBack.get("status").asString()).isEqualTo("running");
        String rollbackId = rolledBack.get("currentDeployment").asString();
        assertThat(rollbackId).as("a rollback is a new deployment").isNotIn(v1Id, v2Id);
        assertThat(rolledBack.get("image").asString()).isEqualTo(v1Image);
        assertThat(rollback.stdout()).contains(" as " + rollbackId);

        // 3. Roll forward to v2.
        Skycli.Result forward = skycli.run(project, "app", "rollback", ITEM, "--to", v2Id);
        assertThat(forward.exitCode()).as(forward.toString()).isZero();
        assertThat(forward.stdout()).contains(ITEM + ": rolling back to " + v2Id + " as ")
                .contains(ITEM + ": running at ");
        // The gateway learns of the switch over Redis pub/sub, a moment after the build farm records it.
        await("the route to serve v2").atMost(Duration.ofSeconds(10))
                .until(() -> http.get(app, "/web/").body(), "v2"::equals);
        assertOnlyServes(app, "v2");
        JsonNode rolledForward = http.microservice(app, ITEM);
        assertThat(rolledForward.get("currentDeployment").asString()).isNotIn(v1Id, v2Id, rollbackId);
        assertThat(rolledForward.get("image").asString()).isEqualTo(v2Image);

        // 4. What it can go back to, and a refusal.
        Skycli.Result status = skycli.run(project, "app", "status", ITEM);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        System.out.println("skycli app status " + ITEM + " after rolling forward:\n" + status.stdout());
        String targets = status.stdout().substring(status.stdout().indexOf("DEPLOYMENT"));
        assertThat(targets).as(status.toString()).contains(v1Id).contains(v1Image)
                .as("v2 runs the serving image, so it is no target").doesNotContain(v2Id);

        String unknown = "d-20000101t000000-0000";
        Skycli.Result refused = skycli.run(project, "app", "rollback", ITEM, "--to", unknown);
        System.out.println("skycli app rollback " + ITEM + " --to " + unknown + ":\n" + refused);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).as(refused.toString()).contains("deployment_not_found").contains(unknown)
                .contains(v1Id);
        assertOnlyServes(app, "v2");
    }

    /** Twenty requests in a row all answer {@code body}. */
    private static void assertOnlyServes(String app, String body) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.get(app, "/web/");
            answers.add(response.statusCode() + " " + response.body());
        }
        assertThat(answers).containsOnly("200 " + body);
    }
}
