package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away in the middle of a build for longer than the client timeout, so the pipeline's worker
 * fails between two writes; once Redis is back the deployment recovers by itself, without a restart.
 */
@Tag("engine")
class RedisOutageRecoveryTest {

    @BeforeAll
    static void seed() {
        BaseImages.ensureBusybox();
    }

    @Test
    void aDeploymentCaughtByARedisOutageMidBuildRecoversWithoutARestart() throws Exception {
        String app = "ro" + UUID.randomUUID().toString().substring(0, 6);
        try (TestBuildFarm farm = TestBuildFarm.start(Map.of(
                "spring.data.redis.timeout", "1s",
                "skyport.build-farm.runtime.observe-interval", "1s"))) {
            BuildFarmClient api = farm.client();
            byte[] archive = TestArchive.create()
                    .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\nRUN echo sleeping " + app + " && sleep 5\n"
                            + "COPY index.html /var/www/index.html\n"
                            + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n")
                    .file("index.html", "survived").bytes();
            String id = api.deploy(app, "api", archive, item("/api", 8080));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.logLines(app, id).contains("sleeping " + app));

            MicroserviceLifecycle lifecycle = farm.bean(MicroserviceLifecycle.class);
            MicroserviceKey key = new MicroserviceKey(app, "api");
            long down = System.nanoTime();
            farm.redis().stopProcess();
            // The worker gives up once a write times out (the build ends meanwhile and cannot be recorded).
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !lifecycle.busy(key));
            farm.redis().startProcess();
            long outageMillis = (System.nanoTime() - down) / 1_000_000;
            assertThat(outageMillis).as("outage longer than the client timeout").isGreaterThan(1000);
            // Lettuce reconnects on its own; until it has, the API answers 500.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> api.deployment(app, id).get("status") != null);

            api.awaitDeployment(app, id, Duration.ofMinutes(2), "running");

            List<String> lines = api.logLines(app, id);
            assertThat(lines).anyMatch(line -> line.startsWith("the build farm lost this build's worker"));
            assertThat(fetch(api.microservice(app, "api").get("route").get("target").asString() + "/").body())
                    .isEqualTo("survived");
            System.out.printf("FAULT redis down mid-build: faults tried 1, lost records 0; outage %d ms"
                    + " (client timeout 1000 ms), recovered to running without a restart%n", outageMillis);
            api.delete("/v1/apps/" + app + "/microservices/api");
        }
    }
}
