package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.testing.BaseImages;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The build farm is killed (SIGKILL) in the middle of a build and started again: the record does not stay
 * in {@code building}; the build runs again and the service ends up serving, and the developer's
 * {@code skycli app deploy}, which was following the log, rides through the restart.
 */
class RestartMidBuildIT {

    /** Where a deployment ends; {@code building} and {@code built} are on the way. */
    private static final Set<String> FINAL = Set.of("running", "build_failed", "deploy_failed", "stopped");

    @Test
    void aBuildInterruptedByACrashIsBuiltAgainAndNothingStaysBuilding() throws Exception {
        BaseImages.ensureBusybox();
        Platform platform = Platform.get();
        GatewayClient http = platform.http();
        Skycli skycli = platform.skycli();
        String app = Projects.appName("restart");
        Path project = Projects.dockerfile(app, "slow", "/slow", """
                FROM busybox:1.36
                RUN echo "slow step starts" && sleep 15 && echo "slow step done"
                COPY index.html /www/index.html
                CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
                """, Map.of("index.html", "built after all\n"));
        try {
            CompletableFuture<Skycli.Result> deploy = CompletableFuture.supplyAsync(() -> skycli.run(project, "app", "deploy"));
            String interrupted = await("the slow step to start").atMost(Duration.ofMinutes(2))
                    .until(() -> slowStepStarted(http, app), id -> id != null);

            platform.crashAndRestartBuildFarm();

            await("a final status").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.microservice(app, "slow").get("status").asString(), FINAL::contains);
            JsonNode record = http.microservice(app, "slow");
            assertThat(record.get("status").asString()).as(record.toString()).isEqualTo("running");
            assertThat(http.logLines(app, interrupted)).contains("the build farm restarted during this build; building again");
            assertThat(http.get(app, "/slow/").body()).isEqualTo("built after all\n");
            Skycli.Result result = deploy.get(2, TimeUnit.MINUTES);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("slow: running at ");
        } finally {
            skycli.run(project, "app", "delete", "slow", "--yes");
        }
    }

    /** The deployment id once its log shows the slow RUN step running, else null. */
    private static String slowStepStarted(GatewayClient http, String app) {
        JsonNode record = http.microservice(app, "slow");
        if (record == null || record.get("latestDeployment").isNull()) {
            return null;
        }
        String id = record.get("latestDeployment").asString();
        return http.logLines(app, id).contains("slow step starts") ? id : null;
    }
}
