package dev.skyport.buildfarm.faults;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.KillableBuildFarm;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.testing.BaseImages;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the build farm during an upload, a queued deploy, a build and a push, then a new start:
 * every deployment ends running, none stays {@code building}, none is wrongly failed, and the upload cut
 * off leaves no artifact. {@link KillDuringStartTest} covers the later stages.
 */
@Tag("engine")
class KillDuringBuildTest {

    private static final String APP = "kp" + UUID.randomUUID().toString().substring(0, 6);
    private static KillableBuildFarm farm;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        // One build slot, so a second deploy waits in `queued`.
        farm = KillableBuildFarm.start(Map.of("skyport.build-farm.builds.max-parallel", "1"));
    }

    @AfterAll
    static void stop() {
        try {
            BuildFarmClient api = farm.client();
            for (String name : List.of("slow", "waiting", "pushed")) {
                api.delete("/v1/apps/" + APP + "/microservices/" + name);
            }
        } finally {
            farm.close();
        }
    }

    @Test
    void killedDuringAnUploadABuildAndAQueuedDeployAllEndRightAfterARestart() throws Exception {
        BuildFarmClient api = farm.client();
        String slow = api.deploy(APP, "slow", FaultOutcomes.httpdAfter("slow", "RUN echo sleeping && sleep 6\n", "0"),
                item("/slow", 8080));
        FaultOutcomes.awaitLog(api, APP, slow, "sleeping");
        String waiting = api.deploy(APP, "waiting", ServiceArchives.httpd("waiting", 8080), item("/waiting", 8080));
        assertThat(api.deployment(APP, waiting).get("status").asString()).isEqualTo("queued");
        byte[] upload = ServiceArchives.httpd("never stored " + UUID.randomUUID(), 8080);
        try (Socket partial = startPartialUpload(upload)) {
            Path tmp = farm.artifactsDirectory().resolve("tmp");
            await().atMost(Duration.ofSeconds(20)).until(() -> partFiles(tmp) > 0);

            farm.kill();
        }
        farm.startProcess();
        api = farm.client();

        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(upload)).status())
                .as("an upload cut off by the crash").isEqualTo(404);
        api.awaitDeployment(APP, slow, Duration.ofMinutes(2), "running");
        api.awaitDeployment(APP, waiting, Duration.ofMinutes(2), "running");
        List<String> slowStatuses = FaultOutcomes.assertRecoveredToRunning(api, APP, slow);
        List<String> waitingStatuses = FaultOutcomes.assertRecoveredToRunning(api, APP, waiting);
        assertThat(slowStatuses).containsSubsequence("building", "queued", "building", "built", "running");
        assertThat(fetch(api.microservice(APP, "waiting").get("route").get("target").asString() + "/").body())
                .isEqualTo("waiting");
        FaultOutcomes.summary("kill -9 during upload + building + queued", 3, 0,
                "slow " + slowStatuses + ", waiting " + waitingStatuses + ", partial upload: no artifact");
    }

    @Test
    void killedDuringThePushTheDeploymentIsBuiltAgainAndRuns() {
        BuildFarmClient api = farm.client();
        // A 24 MB layer, so the push takes long enough to be cut.
        String id = api.deploy(APP, "pushed", FaultOutcomes.httpdAfter("pushed",
                "RUN head -c 25000000 /dev/urandom > /blob\n", "0"), item("/pushed", 8080));
        FaultOutcomes.awaitLog(api, APP, id, "pushing ");
        farm.kill();
        farm.startProcess();
        api = farm.client();

        api.awaitDeployment(APP, id, Duration.ofMinutes(3), "running");
        List<String> statuses = FaultOutcomes.assertRecoveredToRunning(api, APP, id);
        List<String> lines = api.logLines(APP, id);
        int restart = lines.indexOf("the build farm restarted during this build; building again");
        boolean cutDuringPush = restart > 0 && lines.subList(0, restart).stream()
                .noneMatch(line -> line.startsWith("the registry holds"));
        assertThat(restart).as("the kill landed before the build was recorded as built").isPositive();
        FaultOutcomes.summary("kill -9 during push", 1, 0, "statuses " + statuses + ", push cut before it finished: "
                + cutDuringPush);
    }

    /** Sends the headers and half the body of a PUT, then nothing more. */
    private static Socket startPartialUpload(byte[] archive) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), farm.port());
        OutputStream out = socket.getOutputStream();
        String head = "PUT /v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(archive) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + farm.adminToken() + "\r\n"
                + "Content-Type: application/gzip\r\nContent-Length: " + archive.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(archive, 0, archive.length / 2);
        out.flush();
        return socket;
    }

    private static long partFiles(Path tmp) throws Exception {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).count();
        }
    }
}
