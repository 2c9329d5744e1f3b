package dev.skyport.buildfarm.faults;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.RegistryProcess;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The registry goes down while a new version builds: the push fails with the reason, the old version serves on. */
@Tag("engine")
class RegistryDownDuringPushTest {

    @BeforeAll
    static void seed() {
        BaseImages.ensureBusybox();
    }

    @Test
    void aPushToARegistryThatWentDownFailsTheBuildWithTheReasonAndTheOldVersionKeepsServing() throws Exception {
        String app = "rd" + UUID.randomUUID().toString().substring(0, 6);
        try (RegistryProcess registry = RegistryProcess.start();
             TestBuildFarm farm = TestBuildFarm.start(Map.of("skyport.build-farm.registry.address",
                     registry.address()))) {
            BuildFarmClient api = farm.client();
            String old = api.deploy(app, "api", ServiceArchives.httpd("old", 8080), item("/api", 8080));
            api.awaitDeployment(app, old, Duration.ofMinutes(2), "running");

            String id = api.deploy(app, "api", FaultOutcomes.httpdAfter("new", "RUN echo sleeping && sleep 3\n", "0"),
                    item("/api", 8080));
            FaultOutcomes.awaitLog(api, app, id, "sleeping");
            registry.stopProcess();

            JsonNode failed = api.awaitDeployment(app, id, Duration.ofMinutes(2), "build_failed");

            String message = failed.get("message").asString();
            assertThat(message).contains("push").contains(registry.address());
            List<String> lines = api.logLines(app, id);
            assertThat(lines).anyMatch(line -> line.startsWith("pushing " + registry.address()));
            JsonNode microservice = api.microservice(app, "api");
            assertThat(microservice.get("status").asString()).isEqualTo("build_failed");
            assertThat(microservice.get("currentDeployment").asString()).isEqualTo(old);
            assertThat(microservice.get("message").asString()).contains("still serving " + old);
            assertThat(fetch(microservice.get("route").get("target").asString() + "/").body()).isEqualTo("old");
            FaultOutcomes.summary("registry down during push", 1, 0, "build_failed: " + message
                    + "; old version still serving");

            registry.startProcess();
            api.delete("/v1/apps/" + app + "/microservices/api");
        }
    }
}
