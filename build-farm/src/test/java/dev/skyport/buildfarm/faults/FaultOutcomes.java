package dev.skyport.buildfarm.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What a fault test checks about every deployment it made, and the one line it prints. */
final class FaultOutcomes {

    private FaultOutcomes() {
    }

    /** The statuses the deployment's log recorded, in order. */
    static List<String> statuses(BuildFarmClient api, String app, String id) {
        return api.logEvents(app, id, false, null).stream()
                .filter(e -> "status".equals(e.event()))
                .map(e -> BuildFarmClient.JSON.readTree(e.data()).get("status").asString()).toList();
    }

    /** The deployment exists, never was failed, and ends running. Returns its statuses. */
    static List<String> assertRecoveredToRunning(BuildFarmClient api, String app, String id) {
        assertThat(api.get("/v1/apps/" + app + "/deployments/" + id).status()).as("record of " + id).isEqualTo(200);
        List<String> statuses = statuses(api, app, id);
        assertThat(statuses).as("statuses of " + id).doesNotContain("deploy_failed", "build_failed")
                .endsWith("running");
        return statuses;
    }

    /** busybox httpd serving {@code body} after {@code startDelay}; a fresh first step, so no build cache applies. */
    static byte[] httpdAfter(String body, String dockerfileExtra, String startDelay) {
        return TestArchive.create()
                .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\nRUN echo " + UUID.randomUUID() + "\n"
                        + dockerfileExtra
                        + "COPY index.html /var/www/index.html\n"
                        + "CMD [\"sh\", \"-c\", \"sleep " + startDelay + "; exec httpd -f -p 8080 -h /var/www\"]\n")
                .file("index.html", body).bytes();
    }

    static void awaitLog(BuildFarmClient api, String app, String id, String fragment) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.logLines(app, id).stream().anyMatch(line -> line.contains(fragment)));
    }

    static void summary(String fault, int tried, int lost, String detail) {
        System.out.printf("FAULT %s: faults tried %d, lost records %d; %s%n", fault, tried, lost, detail);
    }
}
