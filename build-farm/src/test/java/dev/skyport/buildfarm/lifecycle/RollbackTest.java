package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A rollback runs an earlier deployment's image again as a new deployment: no build, the same start and
 * route switch as a deploy. It reaches only deployments whose image the registry still holds, and a
 * refusal names the ones it can reach.
 */
class RollbackTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "rollback");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    private Response rollback(String microservice, String to) {
        return app.api().post("/v1/apps/" + app.name() + "/microservices/" + microservice + "/rollback",
                to == null ? Map.of() : Map.of("to", to));
    }

    private List<String> targets(String microservice) {
        JsonNode body = app.api().get("/v1/apps/" + app.name() + "/microservices/" + microservice
                + "/rollback-targets").body();
        return body.get("targets").valueStream().map(t -> t.get("deployment").asString()).toList();
    }

    @Test
    void aRollbackRunsThePreviousImageWithoutBuildingThenRollsForwardById() {
        String v1 = app.deployRunning("api");
        String v2 = app.deployRunning("api");
        String v1Image = app.deployment(v1).get("image").asString();
        String v2Image = app.deployment(v2).get("image").asString();
        assertThat(targets("api")).containsExactly(v1);

        Response accepted = rollback("api", null);

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode rollback = accepted.body().get("deployment");
        String back = rollback.get("id").asString();
        assertThat(back).isNotIn(v1, v2);
        assertThat(rollback.get("status").asString()).isEqualTo("built");
        assertThat(rollback.get("image").asString()).isEqualTo(v1Image);
        assertThat(rollback.get("artifact").asString()).isEqualTo(app.deployment(v1).get("artifact").asString());
        app.awaitDeployment(back, "running");
        JsonNode api = app.awaitMicroservice("api", "running");
        assertThat(api.get("currentDeployment").asString()).isEqualTo(back);
        assertThat(api.get("image").asString()).isEqualTo(v1Image);
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(back);
        assertThat(app.deployment(v2).get("status").asString()).isEqualTo("superseded");
        assertThat(app.calls("api", Call.BUILD)).extracting(InMemoryDriver.Recorded::deploymentId)
                .containsExactly(v1, v2);
        assertThat(app.calls("api", Call.RUN)).extracting(InMemoryDriver.Recorded::deploymentId)
                .containsExactly(v1, v2, back);
        assertThat(app.loggedStatuses(back)).containsExactly("built", "running");
        // v1 runs the image that serves now; v2 is the way forward.
        assertThat(targets("api")).containsExactly(v2);

        Response forward = rollback("api", v2);

        assertThat(forward.status()).isEqualTo(202);
        String again = forward.body().get("deployment").get("id").asString();
        app.awaitDeployment(again, "running");
        assertThat(app.awaitMicroservice("api", "running").get("image").asString()).isEqualTo(v2Image);
        assertThat(targets("api")).containsExactly(back, v1);
    }

    @Test
    void aRollbackToAnImageRetentionRemovedIsRefusedNamingTheReachableOnes() {
        String v1 = app.deployRunning("api");
        String v2 = app.deployRunning("api");
        app.deployRunning("api");
        String v1Digest = app.deployment(v1).get("image").asString().split("@")[1];
        RegistryAccess registry = app.farm().bean(RegistryAccess.class);
        assertThat(registry.client().deleteManifest(app.name() + "/api", v1Digest)).isTrue();

        Response refused = rollback("api", v1);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("image_not_retained");
        assertThat(refused.errorMessage()).contains(v1).contains("it can be rolled back to " + v2);
        assertThat(refused.body().get("error").get("details").get("targets").valueStream()
                .map(JsonNode::asString).toList()).containsExactly(v2);
        assertThat(targets("api")).containsExactly(v2);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        String only = app.deployRunning("api");

        Response nothing = rollback("api", null);
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(nothing.errorCode()).isEqualTo("nothing_to_roll_back_to");

        Response current = rollback("api", only);
        assertThat(current.status()).isEqualTo(409);
        assertThat(current.errorCode()).isEqualTo("not_a_rollback_target");
        assertThat(current.errorMessage()).contains("it is the current deployment");

        Response unknown = rollback("api", "d-20200101t000000-0000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("deployment_not_found");

        Response noService = rollback("nope", null);
        assertThat(noService.status()).isEqualTo(404);
        assertThat(noService.errorCode()).isEqualTo("microservice_not_found");
    }

    @Test
    void aRollbackWaitsForNoDeploymentAndNoStop() throws InterruptedException {
        String v1 = app.deployRunning("api");
        app.deployRunning("api");
        Gate build = app.script("api").hold(Call.BUILD);
        String v3 = app.deploy("api");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();

        Response busy = rollback("api", v1);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.errorCode()).isEqualTo("deployment_in_progress");
        assertThat(busy.errorMessage()).contains(v3);

        build.release();
        app.awaitDeployment(v3, "running");
        app.stop("api");
        Response stopped = rollback("api", v1);
        assertThat(stopped.status()).isEqualTo(409);
        assertThat(stopped.errorCode()).isEqualTo("microservice_stopped");
        assertThat(stopped.errorMessage()).contains("start it, then roll back");
    }
}
