package dev.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.testing.ShippedTemplates;
import dev.skyport.testing.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar, started as an operator starts it, serves the built-in templates from inside
 * itself, byte for byte the repository's templates/.
 */
class PackagedJarIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theJarServesTheRepositoryTemplatesWithTheSameDigests() throws Exception {
        Path jar = Path.of(System.getProperty("catalog.jar", "target/template-catalog-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).isRegularFile();
        int port = FreePorts.next();
        Path log = Files.createTempFile("template-catalog", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> get(port, "/actuator/health/readiness").statusCode() == 200);
            } catch (RuntimeException e) {
                throw new AssertionError("the jar never became ready on port " + port + "; its log:\n" + Files.readString(log), e);
            }
            TemplateCatalog repository = ShippedTemplates.catalog(LocalDate.now(ZoneOffset.UTC));

            JsonNode served = JsonMapper.builder().build().readTree(get(port, "/v1/templates").body());

            assertThat(describe(served)).isEqualTo(repository.allTemplates().stream()
                    .map(t -> t.runtime() + "/" + t.version() + " sha256=" + t.sha256() + " size=" + t.size() + " eol=" + t.eol()
                            + " default=" + t.isDefault())
                    .toList());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    private static List<String> describe(JsonNode catalog) {
        List<String> templates = new ArrayList<>();
        for (JsonNode runtime : catalog.get("runtimes")) {
            for (JsonNode version : runtime.get("versions")) {
                templates.add(runtime.get("name").asString() + "/" + version.get("version").asString()
                        + " sha256=" + version.get("sha256").asString() + " size=" + version.get("size").asLong()
                        + " eol=" + version.get("eol").asBoolean() + " default=" + version.get("default").asBoolean());
            }
        }
        return templates;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
