package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.StatusRecorder;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delete removes the route and the records at once, then the instances; a build in progress is
 * cancelled, and nothing it would have written (a status, a log line) appears after the delete.
 */
class DeleteCancelsAndRemovesTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "delete");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void deleteDuringAHangingBuildCancelsItAndNothingIsWrittenAfter() {
        app.script("api").buildHangs();
        String hanging = app.deploy("api");
        app.awaitDeployment(hanging, "building");
        await().atMost(TestApp.PATIENCE).until(() -> app.logLines(hanging).contains("in-memory build hangs until cancelled"));

        try (StatusRecorder recorder = StatusRecorder.of(app.farm())) {
            assertThat(app.delete("api").status()).isEqualTo(204);
            // The worker ends: the cancelled build cleans up after itself.
            await().atMost(TestApp.PATIENCE).until(() -> !app.busy("api"));
            assertThat(app.calls("api", Call.DELETE)).extracting(InMemoryDriver.Recorded::deploymentId)
                    .containsExactlyInAnyOrder(null, hanging);

            assertThat(recorder.sync().changes(c -> c.app().equals(app.name()))).as("records written after the delete")
                    .isEmpty();
        }
        assertThat(app.api().get("/v1/apps/" + app.name() + "/deployments/" + hanging).status()).isEqualTo(404);
        assertThat(app.api().get("/v1/apps/" + app.name() + "/microservices/api").status()).isEqualTo(404);
        assertThat(app.hasLog(hanging)).as("its log stream").isFalse();
        assertThat(app.farm().hasKey(BuildFarmKeys.deployment(hanging))).isFalse();
        assertThat(app.farm().hasKey(BuildFarmKeys.microservice(app.name(), "api"))).isFalse();
        assertThat(app.farm().hasKey(BuildFarmKeys.deployments(app.name(), "api"))).isFalse();
        assertThat(app.routes()).isEmpty();
        assertThat(app.calls("api", Call.RUN)).isEmpty();
    }

    @Test
    void deleteRemovesRecordsRouteLogsAndInstances() {
        String first = app.deployRunning("api");
        String second = app.deployRunning("api");
        String other = app.deployRunning("web");

        assertThat(app.delete("api").status()).isEqualTo(204);

        assertThat(app.api().get("/v1/apps/" + app.name() + "/microservices/api").status()).isEqualTo(404);
        for (String id : List.of(first, second)) {
            assertThat(app.farm().hasKey(BuildFarmKeys.deployment(id))).isFalse();
            assertThat(app.hasLog(id)).isFalse();
        }
        assertThat(app.farm().hasKey(BuildFarmKeys.deployments(app.name(), "api"))).isFalse();
        assertThat(app.routes()).containsOnlyKeys("/web");
        assertThat(app.instances("api")).isEmpty();
        assertThat(app.calls("api", Call.DELETE)).extracting(InMemoryDriver.Recorded::deploymentId).contains((String) null);
        // The other microservice of the app is untouched.
        assertThat(app.status(other)).isEqualTo("running");
        assertThat(app.instances("web")).hasSize(1);
        assertThat(app.delete("api").status()).isEqualTo(404);
    }
}
