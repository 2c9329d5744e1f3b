package dev.skyport.buildfarm.faults;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.KillableBuildFarm;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the build farm while a new version starts (its readiness wait) and at the route switch,
 * then a new start: the new version ends serving, never {@code deploy_failed} (the leftover container of
 * the interrupted start does not block starting it again).
 */
@Tag("engine")
class KillDuringStartTest {

    private static final String APP = "ks" + UUID.randomUUID().toString().substring(0, 6);
    private static KillableBuildFarm farm;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = KillableBuildFarm.start(Map.of());
    }

    @AfterAll
    static void stop() {
        try {
            BuildFarmClient api = farm.client();
            for (String name : List.of("starting", "switch")) {
                api.delete("/v1/apps/" + APP + "/microservices/" + name);
            }
        } finally {
            farm.close();
        }
    }

    @Test
    void killedDuringTheReadinessWaitTheLeftoverContainerIsReplacedAndTheDeploymentRuns() throws Exception {
        BuildFarmClient api = farm.client();
        String old = api.deploy(APP, "starting", ServiceArchives.httpd("old", 8080), item("/starting", 8080));
        api.awaitDeployment(APP, old, Duration.ofMinutes(2), "running");
        String id = api.deploy(APP, "starting", FaultOutcomes.httpdAfter("new", "", "8"), item("/starting", 8080));
        FaultOutcomes.awaitLog(api, APP, id, "waiting for");
        assertThat(api.deployment(APP, id).get("status").asString()).isEqualTo("built");
        farm.kill();
        farm.startProcess();
        api = farm.client();

        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");
        List<String> statuses = FaultOutcomes.assertRecoveredToRunning(api, APP, id);
        assertThat(api.deployment(APP, old).get("status").asString()).isEqualTo("superseded");
        assertThat(fetch(api.microservice(APP, "starting").get("route").get("target").asString() + "/").body())
                .isEqualTo("new");
        FaultOutcomes.summary("kill -9 during readiness wait", 1, 0, "statuses " + statuses);
    }

    @Test
    void killedAtTheRouteSwitchTheNewVersionEndsServing() throws Exception {
        BuildFarmClient api = farm.client();
        String old = api.deploy(APP, "switch", ServiceArchives.httpd("before", 8080), item("/switch", 8080));
        api.awaitDeployment(APP, old, Duration.ofMinutes(2), "running");
        String id = api.deploy(APP, "switch", ServiceArchives.httpd("after", 8080), item("/switch", 8080));
        FaultOutcomes.awaitLog(api, APP, id, "ready: ");
        String atKill = api.deployment(APP, id).get("status").asString();
        farm.kill();
        farm.startProcess();
        api = farm.client();

        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");
        List<String> statuses = FaultOutcomes.assertRecoveredToRunning(api, APP, id);
        assertThat(fetch(api.microservice(APP, "switch").get("route").get("target").asString() + "/").body())
                .isEqualTo("after");
        FaultOutcomes.summary("kill -9 at route switch", 1, 0, "status when killed " + atKill + ", statuses "
                + statuses);
    }
}
