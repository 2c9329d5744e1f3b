package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A microservice builds one deployment at a time; one still waiting is replaced by a newer deploy and
 * ends {@code superseded} without ever being built. The build in progress is not interrupted.
 */
class SupersedeBeforeBuildTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "supersede");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void aQueuedDeploymentReplacedBeforeItsBuildIsSuperseded() throws Exception {
        Gate build = app.script("api").hold(Call.BUILD);
        String building = app.deploy("api");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();
        String waiting = app.deploy("api");
        assertThat(app.status(waiting)).isEqualTo("queued");
        String newest = app.deploy("api");

        JsonNode superseded = app.deployment(waiting);
        assertThat(superseded.get("status").asString()).isEqualTo("superseded");
        assertThat(superseded.get("message").asString()).isEqualTo("replaced by " + newest + " before it was built");
        assertThat(app.loggedStatuses(waiting)).containsExactly("queued", "superseded");
        assertThat(app.status(building)).isEqualTo("building");
        JsonNode api = app.microservice("api");
        assertThat(api.get("status").asString()).isEqualTo("building");
        assertThat(api.get("latestDeployment").asString()).isEqualTo(newest);

        build.release();
        app.awaitDeployment(newest, "running");
        assertThat(app.status(building)).isEqualTo("superseded");
        assertThat(app.calls("api", Call.BUILD)).extracting(InMemoryDriver.Recorded::deploymentId)
                .containsExactly(building, newest);
        assertThat(app.calls("api", Call.RUN)).extracting(InMemoryDriver.Recorded::deploymentId)
                .containsExactly(building, newest);
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(newest);
    }
}
