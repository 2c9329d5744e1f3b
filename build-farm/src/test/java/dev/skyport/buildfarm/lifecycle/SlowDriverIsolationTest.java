package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A driver call on microservice A that takes 10 s (a slow API server, a long rollout) delays nothing
 * else: a deploy of B (to running), B's status and log, A's own status, and even a new deploy request
 * for A (which takes A's lock) all answer while it hangs.
 * Each of A's calls is tried: its build, its new instance's start, a stop by request, and the
 * periodic observation.
 */
class SlowDriverIsolationTest {

    private static final Duration BLOCKED = Duration.ofSeconds(10);
    /** Far below the block: a request that waited for A's call would take 10 s. */
    private static final Duration PROMPT = Duration.ofSeconds(2);

    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        farm = FastFarm.shared();
        api = farm.client();
    }

    @ParameterizedTest
    @EnumSource(value = Call.class, names = {"BUILD", "RUN", "STOP", "OBSERVE"})
    void aBlockedCallOnAOnlyDelaysA(Call blocked) throws Exception {
        String app = "slow" + UUID.randomUUID().toString().substring(0, 6);
        MicroserviceKey a = new MicroserviceKey(app, "a");
        String first = api.deploy(app, "a", TestArchive.create().file("Dockerfile", "FROM x\n").bytes(), item("/a", 8080));
        api.awaitDeployment(app, first, Duration.ofSeconds(20), "running");
        // The worker ends just after `running`; the observation would leave A alone while it still owns it.
        await().atMost(Duration.ofSeconds(20)).until(() -> !farm.bean(MicroserviceLifecycle.class).busy(a));

        Gate gate = farm.driver().script(a).holdAtMost(blocked, BLOCKED);
        long blockedAt = System.nanoTime();
        CompletableFuture<Void> slowCall = CompletableFuture.runAsync(() -> {
            switch (blocked) {
                case BUILD, RUN -> api.deploy(app, "a", TestArchive.create().file("Dockerfile", "FROM x\n")
                        .file("v", "2").bytes(), item("/a", 8080));
                case STOP -> api.post("/v1/apps/" + app + "/microservices/a/stop", Map.of());
                case OBSERVE -> farm.bean(MicroserviceLifecycle.class).observePeriodically();
                default -> throw new IllegalArgumentException(blocked.name());
            }
        });
        assertThat(gate.awaitEntered(Duration.ofSeconds(20))).as("A's %s call reached the driver", blocked).isTrue();

        assertPrompt("A's status", () -> api.microservice(app, "a"));
        String b = prompt("B's deploy request", () -> api.deploy(app, "b",
                TestArchive.create().file("Dockerfile", "FROM y\n").bytes(), item("/b", 8080)));
        prompt("B's deploy until running", () -> api.awaitDeployment(app, b, PROMPT, "running"));
        assertPrompt("B's status", () -> api.microservice(app, "b"));
        assertPrompt("B's log", () -> api.logLines(app, b));
        assertPrompt("A's status again", () -> api.microservice(app, "a"));
        // A's lock is free while its driver call hangs: another decision about A is taken at once.
        prompt("A's next deploy request", () -> api.deploy(app, "a", TestArchive.create()
                .file("Dockerfile", "FROM x\n").file("v", "3").bytes(), item("/a", 8080)));

        assertThat(gate.entered()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - blockedAt)).as("all of it happened while A's call hung")
                .isLessThan(BLOCKED);
        gate.release();
        slowCall.get();
        api.delete("/v1/apps/" + app + "/microservices/a");
        api.delete("/v1/apps/" + app + "/microservices/b");
    }

    private static void assertPrompt(String what, Supplier<?> request) {
        prompt(what, request);
    }

    private static <T> T prompt(String what, Supplier<T> request) {
        long start = System.nanoTime();
        T result = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(what + " took %d ms", took.toMillis()).isLessThan(PROMPT);
        return result;
    }
}
