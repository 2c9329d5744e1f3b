package dev.skyport.buildfarm.faults;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two microservices claiming one route prefix at the same moment: exactly one gets it. */
@Tag("engine")
class PrefixClaimRaceTest {

    private static final int ROUNDS = 40;

    @Test
    void exactlyOneOfTwoConcurrentClaimsOfAPrefixWinsAndTheOtherIsToldWhoOwnsIt() throws Exception {
        String app = "pc" + UUID.randomUUID().toString().substring(0, 6);
        // The Engine refuses this Dockerfile at once: the race is about the claim, not the build.
        byte[] archive = TestArchive.create().file("Dockerfile", "NOT-AN-INSTRUCTION\n").bytes();
        String sha = TestArchive.sha256(archive);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (TestBuildFarm farm = TestBuildFarm.start()) {
            BuildFarmClient api = farm.client();
            assertThat(api.putArtifact(app, archive).status()).isIn(200, 201);
            int bothAccepted = 0;
            List<String> names = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String path = "/p" + round;
                String a = "a" + round;
                String b = "b" + round;
                names.add(a);
                names.add(b);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<BuildFarmClient.Response> first = CompletableFuture.supplyAsync(
                        () -> claim(api, together, app, a, sha, path), threads);
                CompletableFuture<BuildFarmClient.Response> second = CompletableFuture.supplyAsync(
                        () -> claim(api, together, app, b, sha, path), threads);
                BuildFarmClient.Response ra = first.get(30, TimeUnit.SECONDS);
                BuildFarmClient.Response rb = second.get(30, TimeUnit.SECONDS);
                if (ra.status() == 202 && rb.status() == 202) {
                    bothAccepted++;
                    continue;
                }
                assertThat(List.of(ra.status(), rb.status())).as("round " + round).containsExactlyInAnyOrder(202, 409);
                BuildFarmClient.Response loser = ra.status() == 409 ? ra : rb;
                String winner = ra.status() == 202 ? a : b;
                assertThat(loser.errorCode()).isEqualTo("route_conflict");
                assertThat(loser.errorMessage()).contains("'" + winner + "'");
                assertThat(loser.body().get("error").get("details").get("microservice").asString()).isEqualTo(winner);
            }
            System.out.printf("prefix race: %d rounds of 2 concurrent claims, both accepted in %d (must be 0)%n",
                    ROUNDS, bothAccepted);
            assertThat(bothAccepted).as("rounds where both microservices got the same prefix").isZero();
            for (String name : names) {
                api.delete("/v1/apps/" + app + "/microservices/" + name);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static BuildFarmClient.Response claim(BuildFarmClient api, CyclicBarrier together, String app,
                                                  String name, String sha, String path) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return api.requestDeployment(app, name, sha, item(path, 8080));
    }
}
