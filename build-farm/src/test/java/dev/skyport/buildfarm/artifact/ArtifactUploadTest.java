package dev.skyport.buildfarm.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.artifact.BadArchiveCorpus.BadArchive;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code HEAD|PUT /v1/apps/{app}/artifacts/{sha256}} over HTTP: what is kept, what is refused, and that refusals leave nothing. */
@Tag("engine")
class ArtifactUploadTest {

    private static TestBuildFarm farm;
    private static BuildFarmClient api;
    private static final String APP = "uploads";
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.start(Map.of(
                "skyport.build-farm.artifacts.max-compressed-size", "200KB",
                "skyport.build-farm.artifacts.max-uncompressed-size", BadArchiveCorpus.MAX_UNCOMPRESSED + "B",
                "skyport.build-farm.artifacts.max-entries", Integer.toString(BadArchiveCorpus.MAX_ENTRIES),
                "skyport.build-farm.artifacts.upload-idle-timeout", IDLE_TIMEOUT.toMillis() + "ms"));
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @AfterEach
    void noUploadIsLeftHalfWritten() {
        await().atMost(Duration.ofSeconds(5)).until(() -> files(farm.artifactsDirectory().resolve("tmp")).isEmpty());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> stored() throws IOException {
        return files(farm.artifactsDirectory().resolve("apps").resolve(APP)).stream()
                .filter(p -> p.toString().endsWith(".tar.gz")).toList();
    }

    private static List<Path> partFiles() throws IOException {
        return files(farm.artifactsDirectory().resolve("tmp")).stream()
                .filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }

    private void assertRefusedAndNothingKept(byte[] archive, int status, String code) throws IOException {
        List<Path> before = stored();
        Response response = api.putArtifact(APP, archive);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
        assertThat(response.errorMessage()).isNotBlank();
        // The upload file is deleted before the error is answered, so there is nothing to wait for.
        assertThat(files(farm.artifactsDirectory().resolve("tmp"))).isEmpty();
        assertThat(stored()).isEqualTo(before);
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(archive)).status()).isEqualTo(404);
    }

    @Test
    void anUploadIsStoredOnceAndFoundByItsDigest() throws IOException {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").file("a.txt", "a").bytes();
        String sha = TestArchive.sha256(archive);
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + sha).status()).isEqualTo(404);

        Response created = api.putArtifact(APP, archive);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("artifact").get("sha256").asString()).isEqualTo(sha);
        assertThat(created.body().get("artifact").get("size").asLong()).isEqualTo(archive.length);
        assertThat(created.body().get("artifact").get("entries").asLong()).isEqualTo(2);

        Response head = api.head("/v1/apps/" + APP + "/artifacts/" + sha);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.raw().headers().firstValueAsLong("Content-Length")).hasValue(archive.length);

        Response again = api.putArtifact(APP, archive);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("artifact").get("entries").asLong()).isEqualTo(2);
        assertThat(stored().stream().filter(p -> p.getFileName().toString().startsWith(sha))).hasSize(1);
        assertThat(Files.readAllBytes(farm.artifactsDirectory().resolve("apps/" + APP + "/" + sha + ".tar.gz")))
                .isEqualTo(archive);
    }

    @Test
    void aChecksumMismatchIsRefused() throws IOException {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes();
        String wrong = TestArchive.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Response response = api.putArtifact(APP, wrong, archive);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("artifact_checksum_mismatch");
        assertThat(response.body().get("error").get("details").get("actual").asString())
                .isEqualTo(TestArchive.sha256(archive));
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + wrong).status()).isEqualTo(404);
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(archive)).status()).isEqualTo(404);
    }

    @Test
    void aTruncatedBodyIsRefused() throws Exception {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").file("big", "x".repeat(5000))
                .bytes();
        String sha = TestArchive.sha256(archive);
        String reply;
        try (Socket socket = new Socket("127.0.0.1", farm.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/apps/" + APP + "/artifacts/" + sha + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + farm.adminToken() + "\r\nContent-Type: application/gzip\r\n"
                    + "Content-Length: " + archive.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(archive, 0, archive.length / 2);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException closedByServer) {
            reply = "";
        }
        if (!reply.isEmpty()) {
            assertThat(reply).startsWith("HTTP/1.1 400").contains("artifact_truncated");
        }
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + sha).status()).isEqualTo(404);
    }

    @Test
    void anUploadWithoutContentLengthIsRefused() {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes();
        Response response = api.send("PUT", "/v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(archive),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(archive)),
                Map.of("Content-Type", "application/gzip"));
        assertThat(response.status()).isEqualTo(411);
        assertThat(response.errorCode()).isEqualTo("length_required");
    }

    @Test
    void anUploadOverTheCompressedLimitIsRefusedBeforeReading() throws IOException {
        byte[] random = new byte[300_000];
        new java.util.Random(7).nextBytes(random);
        byte[] archive = TestArchive.create().file("noise", random, 0644).bytes();
        assertRefusedAndNothingKept(archive, 413, "artifact_too_large");
    }

    @Test
    void everyArchiveOfTheCorpusIsRefusedWithItsOwnCodeAndNothingIsKept() throws IOException {
        List<BadArchive> corpus = BadArchiveCorpus.all();
        List<Path> before = stored();
        for (BadArchive bad : corpus) {
            Response response = api.putArtifact(APP, bad.bytes());
            assertThat(response.status()).as(bad + ": " + response.raw().body()).isEqualTo(bad.problem().status().value());
            assertThat(response.errorCode()).as(bad.toString()).isEqualTo(bad.problem().code());
            assertThat(response.body().get("error").get("details").path("entry").asString(null)).as(bad.toString())
                    .isEqualTo(bad.entry());
            assertThat(response.errorMessage()).as(bad.toString()).contains("; ");
            assertThat(files(farm.artifactsDirectory().resolve("tmp"))).as(bad.toString()).isEmpty();
            assertThat(stored()).as(bad.toString()).isEqualTo(before);
            assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + TestArchive.sha256(bad.bytes())).status())
                    .as(bad.toString()).isEqualTo(404);
        }
        System.out.println("ArtifactUploadTest: " + corpus.size() + " bad archives tried over HTTP, all refused"
                + " with their own code and nothing kept");
    }

    @Test
    void aStalledUploadIsAbortedAfterTheIdleTimeoutAndItsFileRemoved() throws Exception {
        byte[] noise = new byte[60_000];
        new java.util.Random(11).nextBytes(noise);
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").file("noise", noise, 0644)
                .bytes();
        String sha = TestArchive.sha256(archive);
        try (Socket socket = new Socket("127.0.0.1", farm.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/apps/" + APP + "/artifacts/" + sha + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + farm.adminToken() + "\r\nContent-Type: application/gzip\r\n"
                    + "Content-Length: " + archive.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(archive, 0, archive.length / 2);
            out.flush();
            // The upload is under way: its file exists. Then the client sends nothing more.
            await().atMost(Duration.ofSeconds(10)).until(() -> partFiles().size() == 1);
            await().atMost(IDLE_TIMEOUT.plusSeconds(10)).until(() -> partFiles().isEmpty());

            String reply = readResponse(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 408").contains("\"code\":\"artifact_upload_idle\"")
                    .contains("upload-idle-timeout");
        }
        assertThat(stored()).noneMatch(p -> p.getFileName().toString().startsWith(sha));
        assertThat(api.head("/v1/apps/" + APP + "/artifacts/" + sha).status()).isEqualTo(404);
    }

    /** Status line, headers and a Content-Length body; does not wait for the server to close. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void theBadEntryIsNamed() {
        Response response = api.putArtifact(APP, TestArchive.create().file("ok", "x")
                .special("dev/tty", TarConstants.LF_CHR).bytes());
        assertThat(response.body().get("error").get("details").get("entry").asString()).isEqualTo("dev/tty");
        assertThat(response.errorMessage()).contains("device file");
    }

    @Test
    void aNameThatIsNotADigestIsRefused() {
        Response response = api.putArtifact(APP, "not-a-digest", new byte[] {1});
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_artifact_digest");
    }
}
