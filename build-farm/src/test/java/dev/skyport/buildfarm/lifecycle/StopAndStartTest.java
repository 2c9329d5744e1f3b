package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stop removes the route, records the stop and stops the instance; start runs the current version
 * again and brings the route back. Start is refused while a deployment is on its way or starting, and
 * when nothing was ever built. A stop that comes in during a build or while the new instance starts wins.
 */
class StopAndStartTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "stopstart");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void stopRemovesTheRouteAndStartBringsItBack() {
        String id = app.deployRunning("api");

        Response stopped = app.stop("api");
        assertThat(stopped.status()).isEqualTo(200);
        JsonNode api = stopped.body().get("microservice");
        assertThat(api.get("status").asString()).isEqualTo("stopped");
        assertThat(api.get("message").asString()).isEqualTo("stopped by request");
        assertThat(api.get("route").isNull()).isTrue();
        assertThat(app.routes()).isEmpty();
        JsonNode deployment = app.deployment(id);
        assertThat(deployment.get("status").asString()).isEqualTo("stopped");
        assertThat(deployment.get("message").asString()).isEqualTo("stopped by request");
        assertThat(app.calls("api", Call.STOP)).extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(id);
        assertThat(app.driver().instance(id).orElseThrow().running()).isFalse();

        Response started = app.start("api");
        assertThat(started.status()).isEqualTo(200);
        URI target = app.driver().instance(id).orElseThrow().target();
        api = started.body().get("microservice");
        assertThat(api.get("status").asString()).isEqualTo("running");
        assertThat(api.get("message").asString()).isEqualTo("serving " + id);
        assertThat(api.get("route").get("target").asString()).isEqualTo(target.toString());
        assertThat(app.route("/api").orElseThrow().target()).isEqualTo(target);
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(id);
        assertThat(app.deployment(id).get("status").asString()).isEqualTo("running");
        assertThat(app.calls("api", Call.START)).extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(id);
        assertThat(app.loggedStatuses(id)).containsExactly("queued", "building", "built", "running", "stopped", "running");

        // Stopping twice, starting twice: the second of each changes nothing.
        assertThat(app.start("api").body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(app.calls("api", Call.START)).hasSize(1);
        app.stop("api");
        assertThat(app.stop("api").body().get("microservice").get("status").asString()).isEqualTo("stopped");
        assertThat(app.calls("api", Call.STOP)).hasSize(2);
    }

    @Test
    void startIsRefusedWhileADeploymentIsOnItsWay() throws Exception {
        app.deployRunning("api");
        Gate build = app.script("api").hold(Call.BUILD);
        String next = app.deploy("api");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();

        Response refused = app.start("api");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("deployment_in_progress");
        assertThat(refused.errorMessage()).isEqualTo("deployment " + next + " of 'api' is in progress and will run when"
                + " ready; there is nothing to start");
        build.release();
        app.awaitDeployment(next, "running");
    }

    @Test
    void aStartAfterAStopDuringABuildWaitsForTheBuildThenRunsIt() throws Exception {
        app.deployRunning("api");
        Gate build = app.script("api").hold(Call.BUILD);
        String next = app.deploy("api");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();
        app.stop("api");

        Response refused = app.start("api");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).isEqualTo("deployment " + next + " of 'api' is still building; start it"
                + " once it is built");
        build.release();
        app.awaitDeployment(next, "stopped");
        // The worker lets go of the microservice just after writing its last record.
        await().atMost(TestApp.PATIENCE).until(() -> app.start("api").status() == 200);
        app.awaitDeployment(next, "running");
    }

    @Test
    void startIsRefusedWhileAnotherStartRuns() throws Exception {
        String id = app.deployRunning("api");
        app.stop("api");
        Gate start = app.script("api").hold(Call.START);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> app.start("api"));
        assertThat(start.awaitEntered(TestApp.PATIENCE)).isTrue();

        Response refused = app.start("api");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("deployment_in_progress");
        assertThat(refused.errorMessage()).isEqualTo("deployment " + id + " of 'api' is starting; wait for it to finish");
        start.release();
        assertThat(first.get().body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(app.calls("api", Call.START)).hasSize(1);
    }

    @Test
    void startWithNothingBuiltIsRefused() {
        app.script("api").buildFails("RUN false returned a non-zero code: 1");
        String failed = app.deploy("api");
        app.awaitDeployment(failed, "build_failed");

        Response refused = app.start("api");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("nothing_to_start");
        assertThat(refused.errorMessage()).isEqualTo("'api' has no built deployment to start; deploy it first");
        assertThat(app.calls("api")).extracting(InMemoryDriver.Recorded::call).doesNotContain(Call.RUN, Call.START);
    }

    @Test
    void aVersionBuiltWhileStoppedIsStoppedAndRunsOnStart() throws Exception {
        String old = app.deployRunning("api");
        Gate build = app.script("api").hold(Call.BUILD);
        String built = app.deploy("api");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();

        JsonNode api = app.stop("api").body().get("microservice");
        assertThat(api.get("status").asString()).isEqualTo("stopped");
        assertThat(app.routes()).isEmpty();
        build.release();

        JsonNode deployment = app.awaitDeployment(built, "stopped");
        assertThat(deployment.get("message").asString())
                .isEqualTo("built; not started because the microservice is stopped (start runs this version)");
        assertThat(deployment.get("image").asString()).contains("@sha256:");
        assertThat(app.loggedStatuses(built)).containsExactly("queued", "building", "built", "stopped");
        api = app.microservice("api");
        assertThat(api.get("status").asString()).isEqualTo("stopped");
        assertThat(api.get("message").asString()).isEqualTo("stopped; " + built + " is built and runs on start");
        assertThat(api.get("currentDeployment").asString()).isEqualTo(built);
        assertThat(app.calls("api", Call.RUN)).extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(old);
        assertThat(app.routes()).isEmpty();
        // The version that was stopped will never run again: a start runs the new one.
        JsonNode replaced = app.deployment(old);
        assertThat(replaced.get("status").asString()).isEqualTo("superseded");
        assertThat(replaced.get("message").asString()).isEqualTo("replaced by " + built + ", which runs on start");

        assertThat(app.start("api").status()).isEqualTo(200);
        assertThat(app.status(built)).isEqualTo("running");
        assertThat(app.calls("api", Call.START)).extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(built);
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(built);
        assertThat(app.route("/api").orElseThrow().target())
                .isEqualTo(app.driver().instance(built).orElseThrow().target());
    }

    @Test
    void aStopWhileTheNewInstanceStartsWins() throws Exception {
        String old = app.deployRunning("api");
        Gate run = app.script("api").hold(Call.RUN);
        String starting = app.deploy("api");
        assertThat(run.awaitEntered(TestApp.PATIENCE)).isTrue();
        assertThat(app.status(starting)).isEqualTo("built");

        JsonNode api = app.stop("api").body().get("microservice");
        assertThat(api.get("status").asString()).isEqualTo("stopped");
        assertThat(app.status(old)).isEqualTo("stopped");
        assertThat(app.routes()).isEmpty();
        run.release();

        JsonNode deployment = app.awaitDeployment(starting, "stopped");
        assertThat(deployment.get("message").asString()).isEqualTo("started, then stopped at the microservice's request");
        await().atMost(TestApp.PATIENCE).untilAsserted(() -> assertThat(app.calls("api", Call.STOP))
                .extracting(InMemoryDriver.Recorded::deploymentId).containsExactly(old, starting));
        assertThat(app.driver().instance(starting).orElseThrow().running()).isFalse();
        assertThat(app.routes()).isEmpty();
        api = app.microservice("api");
        assertThat(api.get("status").asString()).isEqualTo("stopped");
        assertThat(api.get("currentDeployment").asString()).isEqualTo(starting);
        assertThat(app.status(old)).isEqualTo("superseded");
        assertThat(app.loggedStatuses(old)).containsExactly("queued", "building", "built", "running", "stopped",
                "superseded");

        assertThat(app.start("api").body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(app.route("/api").orElseThrow().deploymentId()).isEqualTo(starting);
    }
}
