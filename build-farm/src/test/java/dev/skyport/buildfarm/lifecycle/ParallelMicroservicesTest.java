package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests about two microservices at the same time: each builds and runs on its own, both end as asked. */
class ParallelMicroservicesTest {

    private TestApp app;

    @BeforeEach
    void newApp() {
        app = TestApp.on(FastFarm.shared(), "parallel");
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    @Test
    void parallelDeploysOfTwoMicroservicesBothEndRunning() throws Exception {
        Gate buildA = app.script("a").hold(Call.BUILD);
        Gate buildB = app.script("b").hold(Call.BUILD);
        CompletableFuture<String> deployA = CompletableFuture.supplyAsync(() -> app.deploy("a"));
        CompletableFuture<String> deployB = CompletableFuture.supplyAsync(() -> app.deploy("b"));

        // Both builds are in the driver at the same time: neither waits for the other.
        assertThat(buildA.awaitEntered(TestApp.PATIENCE)).isTrue();
        assertThat(buildB.awaitEntered(TestApp.PATIENCE)).isTrue();
        buildB.release();
        buildA.release();
        String a = deployA.get();
        String b = deployB.get();
        app.awaitDeployment(a, "running");
        app.awaitDeployment(b, "running");

        assertThat(app.route("/a").orElseThrow().target()).isEqualTo(app.driver().instance(a).orElseThrow().target());
        assertThat(app.route("/b").orElseThrow().target()).isEqualTo(app.driver().instance(b).orElseThrow().target());
        assertThat(app.route("/a").orElseThrow().service()).isEqualTo("a");
        assertThat(app.route("/b").orElseThrow().service()).isEqualTo("b");
        assertThat(app.awaitMicroservice("a", "running").get("currentDeployment").asString()).isEqualTo(a);
        assertThat(app.awaitMicroservice("b", "running").get("currentDeployment").asString()).isEqualTo(b);
    }

    @Test
    void aStopOfOneAndADeployOfTheOtherAtOnceBothTakeEffect() throws Exception {
        String a = app.deployRunning("a");
        String b = app.deployRunning("b");

        CompletableFuture<Response> stopA = CompletableFuture.supplyAsync(() -> app.stop("a"));
        CompletableFuture<String> redeployB = CompletableFuture.supplyAsync(() -> app.deploy("b"));
        assertThat(stopA.get().status()).isEqualTo(200);
        String b2 = redeployB.get();
        app.awaitDeployment(b2, "running");

        assertThat(app.status(a)).isEqualTo("stopped");
        assertThat(app.status(b)).isEqualTo("superseded");
        assertThat(app.routes()).containsOnlyKeys("/b");
        assertThat(app.route("/b").orElseThrow().deploymentId()).isEqualTo(b2);
    }
}
