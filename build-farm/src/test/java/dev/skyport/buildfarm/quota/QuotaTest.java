package dev.skyport.buildfarm.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.Records;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-app quotas: each refuses with 413 (a size) or 429 (a count), naming the quota and its limit. */
@Tag("engine")
class QuotaTest {

    private static final long ARTIFACTS_BYTES = 6000;
    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.start(Map.of(
                "skyport.build-farm.quotas.artifacts-count", "3",
                "skyport.build-farm.quotas.artifacts-bytes", ARTIFACTS_BYTES + "B",
                "skyport.build-farm.quotas.deployments", "2",
                "skyport.build-farm.quotas.log-bytes", "64KB"));
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    private static String app() {
        return "q" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static byte[] tiny(String marker) {
        return TestArchive.create().file("Dockerfile", "FROM scratch\n").file("marker", marker).bytes();
    }

    /** Random hex compresses about 2:1, so this is about 4 KB as a tar.gz. */
    private static byte[] incompressible(int hexChars) {
        byte[] random = new byte[hexChars / 2];
        new SecureRandom().nextBytes(random);
        return TestArchive.create().file("Dockerfile", "FROM scratch\n").file("data", HexFormat.of().formatHex(random))
                .bytes();
    }

    private static void assertQuotaError(BuildFarmClient.Response response, int status, String quota, long limit) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo("quota_exceeded");
        JsonNode details = response.body().get("error").get("details");
        assertThat(details.get("quota").asString()).isEqualTo(quota);
        assertThat(details.get("limit").asLong()).isEqualTo(limit);
        assertThat(response.errorMessage()).contains("skyport.build-farm.quotas." + quota).contains(String.valueOf(limit));
    }

    /** All checked before any is stored: only the check under the app's lock, at the install, holds the line. */
    @Test
    void concurrentUploadsCannotPassTheArtifactsCountTogether() throws Exception {
        String app = app();
        int uploads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] archive = tiny("concurrent-" + i);
                statuses.add(pool.submit(() -> api.putArtifact(app, archive).status()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }
            System.out.println("quota artifacts-count under " + uploads + " concurrent uploads: " + answered);
            assertThat(answered).filteredOn(status -> status == 201).hasSize(3);
            assertThat(answered).filteredOn(status -> status == 429).hasSize(uploads - 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAppKeepsAtMostArtifactsCountArtifactsAndAnExistingOneIsStillAccepted() {
        String app = app();
        byte[] first = tiny("0");
        for (int i = 0; i < 3; i++) {
            assertThat(api.putArtifact(app, i == 0 ? first : tiny(String.valueOf(i))).status()).isEqualTo(201);
        }

        assertQuotaError(api.putArtifact(app, tiny("3")), 429, "artifacts-count", 3);
        assertThat(api.putArtifact(app, first).status()).as("an artifact already stored").isEqualTo(200);
        assertThat(api.putArtifact(app(), tiny("3")).status()).as("another app").isEqualTo(201);
        System.out.println("quota artifacts-count: 4th upload refused 429, re-upload 200, other app 201");
    }

    @Test
    void anUploadThatWouldPassTheAppsArtifactBytesIsRefusedAndLeavesNothing() throws Exception {
        String app = app();
        byte[] first = incompressible(7000);
        byte[] second = incompressible(7000);
        assertThat((long) first.length).isLessThan(ARTIFACTS_BYTES);
        assertThat((long) first.length + second.length).isGreaterThan(ARTIFACTS_BYTES);
        assertThat(api.putArtifact(app, first).status()).isEqualTo(201);

        assertQuotaError(api.putArtifact(app, second), 413, "artifacts-bytes", ARTIFACTS_BYTES);
        assertThat(api.head("/v1/apps/" + app + "/artifacts/" + TestArchive.sha256(second)).status()).isEqualTo(404);
        System.out.printf("quota artifacts-bytes: %d + %d bytes > %d refused 413%n", first.length, second.length,
                ARTIFACTS_BYTES);
    }

    @Test
    void anAppKeepsAtMostDeploymentsRecords() {
        String app = app();
        byte[] archive = tiny("d");
        assertThat(api.putArtifact(app, archive).status()).isEqualTo(201);
        String sha = TestArchive.sha256(archive);
        RecordStore records = farm.bean(RecordStore.class);
        Records.queuedDeployment(records, app, "one", "d-20260101t000000-0001", sha);
        Records.queuedDeployment(records, app, "two", "d-20260101t000000-0002", sha);

        assertQuotaError(api.requestDeployment(app, "three", sha, BuildFarmClient.item("/three", 8080)), 429,
                "deployments", 2);
        assertThat(api.get("/v1/apps/" + app + "/microservices/three").status()).isEqualTo(404);
        System.out.println("quota deployments: 3rd deployment record refused 429");
    }

    @Test
    void aDeployIsRefusedWhileTheAppsBuildLogsTakeMoreThanLogBytes() {
        String app = app();
        byte[] archive = tiny("l");
        assertThat(api.putArtifact(app, archive).status()).isEqualTo(201);
        String sha = TestArchive.sha256(archive);
        RecordStore records = farm.bean(RecordStore.class);
        Quotas quotas = farm.bean(Quotas.class);
        Records.queuedDeployment(records, app, "chatty", "d-20260101t000000-0003", sha);
        BuildLogs logs = farm.bean(BuildLogs.class);
        logs.line("d-20260101t000000-0003", "a short line");
        assertThatCode(() -> quotas.checkDeployment(app)).doesNotThrowAnyException();

        String line = "x".repeat(1000);
        for (int i = 0; i < 100; i++) {
            logs.line("d-20260101t000000-0003", line + i);
        }

        assertQuotaError(api.requestDeployment(app, "other", sha, BuildFarmClient.item("/other", 8080)), 413,
                "log-bytes", 64 * 1024);
        System.out.printf("quota log-bytes: %d bytes of logs >= %d refused 413%n",
                logs.memoryUsage(java.util.List.of("d-20260101t000000-0003")), 64 * 1024);
    }
}
