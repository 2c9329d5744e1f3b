package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.e2e.support.Archives;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad uploads through the gateway are refused with a clear 4xx, and the build farm keeps nothing of them. */
class BadArchiveIT {

    private final Platform platform = Platform.get();
    private final GatewayClient http = platform.http();
    private final String app = Projects.appName("upload");

    @Test
    void anArchiveWithAnEntryLeavingTheContextIsRejectedAndNothingIsStored() throws IOException {
        byte[] archive = Archives.tarGz("Dockerfile", "FROM busybox:1.36\n", "../outside.txt", "escaped\n");
        String sha256 = Archives.sha256(archive);

        HttpResponse<String> put = put(sha256, archive);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        JsonNode error = GatewayClient.json(put.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("artifact_path_traversal");
        assertThat(error.at("/details/entry").asString()).isEqualTo("../outside.txt");
        assertNothingStored(sha256);
    }

    @Test
    void anArchiveThatDoesNotHashToItsNameIsRejectedAndNothingIsStored() throws IOException {
        byte[] archive = Archives.tarGz("Dockerfile", "FROM busybox:1.36\n", "index.html", "fine\n");
        String claimed = Archives.sha256("something else".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> put = put(claimed, archive);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        assertThat(GatewayClient.json(put.body()).at("/error/code").asString()).isEqualTo("artifact_checksum_mismatch");
        assertNothingStored(claimed);
        assertNothingStored(Archives.sha256(archive));
    }

    private HttpResponse<String> put(String sha256, byte[] archive) {
        return http.api("PUT", "/apps/" + app + "/artifacts/" + sha256, platform.adminToken(),
                HttpRequest.BodyPublishers.ofByteArray(archive), "application/gzip");
    }

    private void assertNothingStored(String sha256) throws IOException {
        assertThat(http.api("HEAD", "/apps/" + app + "/artifacts/" + sha256, platform.adminToken(), null).statusCode())
                .isEqualTo(404);
        Path artifacts = platform.artifactsDirectory();
        try (Stream<Path> files = Files.walk(artifacts)) {
            List<Path> stored = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().contains(sha256) || f.toString().endsWith(".part"))
                    .toList();
            assertThat(stored).as("files under " + artifacts).isEmpty();
        }
    }
}
