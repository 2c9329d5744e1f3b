package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The periodic observation brings instances and routes back in line with the records: an instance that
 * stopped is started again and the route follows it; one that moved is followed; one that cannot come
 * back leaves the microservice {@code deploy_failed} without a route; a stopped microservice's instance
 * that runs again is stopped.
 */
class PeriodicObservationTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "observe");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void anInstanceThatStoppedIsStartedAgainAndTheRouteFollows() {
        String id = app.deployRunning("api");
        URI before = app.route("/api").orElseThrow().target();

        app.driver().instanceStops(id);
        app.observe();

        await().atMost(TestApp.PATIENCE).untilAsserted(() -> assertThat(app.calls("api", Call.START))
                .extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(id));
        await().atMost(TestApp.PATIENCE).until(() -> !app.busy("api"));
        URI after = app.driver().instance(id).orElseThrow().target();
        assertThat(after).isNotEqualTo(before);
        assertThat(app.route("/api").orElseThrow().target()).isEqualTo(after);
        JsonNode api = app.microservice("api");
        assertThat(api.get("status").asString()).isEqualTo("running");
        assertThat(api.get("route").get("target").asString()).isEqualTo(after.toString());
        assertThat(app.deployment(id).get("message").asString()).isEqualTo("serving at " + after);
    }

    @Test
    void anInstanceThatCameBackElsewhereIsFollowed() {
        String id = app.deployRunning("api");

        URI moved = app.driver().instanceRestartsElsewhere(id);
        app.observe();

        assertThat(app.route("/api").orElseThrow().target()).isEqualTo(moved);
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(id);
        assertThat(app.microservice("api").get("route").get("target").asString()).isEqualTo(moved.toString());
        assertThat(app.calls("api", Call.START)).isEmpty();
    }

    @Test
    void anInstanceThatCannotComeBackLeavesTheMicroserviceDeployFailedWithoutARoute() {
        String id = app.deployRunning("api");

        app.driver().instanceVanishes(id);
        app.script("api").instancesNeverReady("did not become ready within 1 s: connection refused");
        app.observe();

        JsonNode deployment = app.awaitDeployment(id, "deploy_failed");
        assertThat(deployment.get("message").asString())
                .isEqualTo("did not come back after it stopped: did not become ready within 1 s: connection refused");
        JsonNode api = app.awaitMicroservice("api", "deploy_failed");
        assertThat(api.get("message").asString())
                .isEqualTo(id + " stopped and did not come back: did not become ready within 1 s: connection refused");
        assertThat(api.get("route").isNull()).isTrue();
        assertThat(app.routes()).isEmpty();

        // A start once the instance can become ready again serves it.
        app.script("api").instancesBecomeReady();
        assertThat(app.start("api").body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(app.status(id)).isEqualTo("running");
        assertThat(app.route("/api").orElseThrow().target()).isEqualTo(app.driver().instance(id).orElseThrow().target());
    }

    @Test
    void aStoppedMicroservicesInstanceThatRunsIsStopped() {
        String id = app.deployRunning("api");
        app.stop("api");
        assertThat(app.calls("api", Call.STOP)).hasSize(1);

        app.driver().instanceRestartsElsewhere(id);
        assertThat(app.driver().instance(id).orElseThrow().running()).isTrue();
        app.observe();

        assertThat(app.calls("api", Call.STOP)).hasSize(2);
        assertThat(app.driver().instance(id).orElseThrow().running()).isFalse();
        assertThat(app.routes()).isEmpty();
        assertThat(app.microservice("api").get("status").asString()).isEqualTo("stopped");
        assertThat(app.status(id)).isEqualTo("stopped");
    }
}
