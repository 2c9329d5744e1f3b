package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A deploy goes {@code queued → building → built → running} and the route in Redis points at the
 * driver's instance; a redeploy switches the route to the new instance, supersedes the old deployment
 * and removes its instance after the drain delay.
 */
class DeployServesAtItsRouteTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "deploy");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void aDeployRunsAndItsRoutePointsAtTheInstance() {
        String id = app.deploy("web");
        JsonNode running = app.awaitDeployment(id, "running");

        InMemoryDriver.Instance instance = app.driver().instance(id).orElseThrow();
        assertThat(instance.running()).isTrue();
        assertThat(running.get("message").asString()).isEqualTo("serving at " + instance.target());
        assertThat(running.get("image").asString()).matches(".*/" + app.name() + "/web@sha256:[0-9a-f]{64}");
        assertThat(app.loggedStatuses(id)).containsExactly("queued", "building", "built", "running");

        JsonNode web = app.awaitMicroservice("web", "running");
        assertThat(web.get("message").asString()).isEqualTo("serving " + id);
        assertThat(web.get("currentDeployment").asString()).isEqualTo(id);
        assertThat(web.get("latestDeployment").asString()).isEqualTo(id);
        assertThat(web.get("image").asString()).isEqualTo(running.get("image").asString());
        assertThat(web.get("route").get("path").asString()).isEqualTo("/web");
        assertThat(web.get("route").get("target").asString()).isEqualTo(instance.target().toString());

        RouteRecord route = app.route("/web").orElseThrow();
        assertThat(route.service()).isEqualTo("web");
        assertThat(route.target()).isEqualTo(instance.target());
        assertThat(route.deploymentId()).isEqualTo(id);
        assertThat(route.stripPrefix()).isTrue();
        assertThat(app.calls("web")).extracting(InMemoryDriver.Recorded::call).containsExactly(Call.BUILD, Call.RUN);
    }

    @Test
    void aRedeploySwitchesTheRouteAndRetiresTheOldInstance() {
        String first = app.deployRunning("web");
        URI firstTarget = app.driver().instance(first).orElseThrow().target();

        String second = app.deploy("web");
        app.awaitDeployment(second, "running");
        URI secondTarget = app.driver().instance(second).orElseThrow().target();

        assertThat(secondTarget).isNotEqualTo(firstTarget);
        assertThat(app.route("/web").orElseThrow().target()).isEqualTo(secondTarget);
        assertThat(app.route("/web").orElseThrow().deploymentId()).isEqualTo(second);
        JsonNode superseded = app.deployment(first);
        assertThat(superseded.get("status").asString()).isEqualTo("superseded");
        assertThat(superseded.get("message").asString()).isEqualTo("replaced by " + second);
        assertThat(app.loggedStatuses(first)).containsExactly("queued", "building", "built", "running", "superseded");
        assertThat(app.microservice("web").get("currentDeployment").asString()).isEqualTo(second);

        // After the drain delay the old instance goes; the new one stays.
        await().atMost(TestApp.PATIENCE).until(() -> app.driver().instance(first).isEmpty());
        assertThat(app.calls("web", Call.DELETE)).extracting(InMemoryDriver.Recorded::deploymentId)
                .containsExactly(first);
        assertThat(app.instances("web")).extracting(i -> i.ref().deploymentId()).isEqualTo(List.of(second));
    }
}
