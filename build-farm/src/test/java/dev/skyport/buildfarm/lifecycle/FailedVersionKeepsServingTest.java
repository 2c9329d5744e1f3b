package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new version that fails (its build, the registry check after its push, or its readiness) ends
 * {@code build_failed} or {@code deploy_failed} with the reason, and the version before it keeps
 * serving: same route record, same instance, still {@code running}.
 */
class FailedVersionKeepsServingTest {

    private TestApp app;
    private String serving;
    private RouteRecord route;

    @BeforeEach
    void aVersionServes() {
        app = TestApp.on(FastFarm.shared(), "failing");
        serving = app.deployRunning("api");
        route = app.route("/api").orElseThrow();
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void aFailedBuildEndsBuildFailedWithTheDriversReason() {
        app.script("api").buildFails("RUN make returned a non-zero code: 2");
        String failed = app.deploy("api");

        JsonNode deployment = app.awaitDeployment(failed, "build_failed");
        assertThat(deployment.get("message").asString()).isEqualTo("RUN make returned a non-zero code: 2");
        assertThat(deployment.get("image").isNull()).isTrue();
        assertThat(app.loggedStatuses(failed)).containsExactly("queued", "building", "build_failed");
        JsonNode api = app.awaitMicroservice("api", "build_failed");
        assertThat(api.get("message").asString()).isEqualTo("the build of " + failed + " failed; still serving " + serving);
        assertOldVersionServes(failed);
        assertThat(app.calls("api", Call.RUN)).extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(serving);
    }

    @Test
    void aPushTheRegistryDoesNotHoldFailsTheManifestCheck() {
        app.script("api").buildPushesNothing();
        String failed = app.deploy("api");

        JsonNode deployment = app.awaitDeployment(failed, "build_failed");
        String repository = app.farm().bean(RegistryAccess.class).repository(app.key("api"));
        assertThat(deployment.get("message").asString())
                .isEqualTo("the registry has no manifest for " + repository + ":" + failed + " after the push");
        assertThat(app.loggedStatuses(failed)).containsExactly("queued", "building", "build_failed");
        app.awaitMicroservice("api", "build_failed");
        assertOldVersionServes(failed);
    }

    @Test
    void anInstanceThatNeverBecomesReadyEndsDeployFailed() {
        app.script("api").instancesNeverReady("did not become ready within 1 s: GET / answered 503");
        String failed = app.deploy("api");

        JsonNode deployment = app.awaitDeployment(failed, "deploy_failed");
        assertThat(deployment.get("message").asString()).isEqualTo("did not become ready within 1 s: GET / answered 503");
        assertThat(app.loggedStatuses(failed)).containsExactly("queued", "building", "built", "deploy_failed");
        assertThat(app.logLines(failed)).contains("the instance answered: did not become ready within 1 s: GET / answered 503");
        JsonNode api = app.awaitMicroservice("api", "deploy_failed");
        assertThat(api.get("message").asString()).isEqualTo(failed + " did not become ready; still serving " + serving);
        assertOldVersionServes(failed);
    }

    private void assertOldVersionServes(String failed) {
        assertThat(app.status(serving)).isEqualTo("running");
        JsonNode api = app.microservice("api");
        assertThat(api.get("currentDeployment").asString()).isEqualTo(serving);
        assertThat(api.get("latestDeployment").asString()).isEqualTo(failed);
        assertThat(api.get("route").get("target").asString()).isEqualTo(route.target().toString());
        assertThat(app.route("/api")).contains(route);
        assertThat(app.driver().instance(serving).orElseThrow().running()).isTrue();
    }
}
