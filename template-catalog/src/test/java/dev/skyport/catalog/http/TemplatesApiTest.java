package dev.skyport.catalog.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateVersion;
import dev.skyport.catalog.tarball.DeterministicTarball;
import dev.skyport.catalog.testing.TemplateDirs;

/** The HTTP API over a real server: built-in templates plus a templates directory that adds a runtime. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemplatesApiTest {

    private static final Path TEMPLATES_DIR = createTemplatesDir();

    @DynamicPropertySource
    static void templatesDir(DynamicPropertyRegistry registry) {
        registry.add("skyport.catalog.templates-dir", TEMPLATES_DIR::toString);
    }

    @TestConfiguration
    static class FixedDay {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TemplateCatalog catalog;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void listsEveryRuntimeWithItsVersionsInNumericOrder() {
        TemplateVersion python313 = catalog.template("python", "3.13");
        http.get().uri("/v1/templates").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.runtimes[*].name").isEqualTo(List.of("nodejs", "python", "ruby"))
                .jsonPath("$.runtimes[0].default").isEqualTo("22")
                .jsonPath("$.runtimes[0].versions[*].version").isEqualTo(List.of("8", "10", "12", "18", "20", "22"))
                .jsonPath("$.runtimes[0].versions[*].eol").isEqualTo(List.of(true, true, true, true, true, false))
                .jsonPath("$.runtimes[0].versions[*].default").isEqualTo(List.of(false, false, false, false, false, true))
                .jsonPath("$.runtimes[1].default").isEqualTo("3.13")
                .jsonPath("$.runtimes[1].versions[*].version")
                .isEqualTo(List.of("2.7", "3.5", "3.6", "3.7", "3.8", "3.11", "3.12", "3.13"))
                .jsonPath("$.runtimes[1].versions[7].sha256").isEqualTo(python313.sha256())
                .jsonPath("$.runtimes[1].versions[7].size").isEqualTo((int) python313.size())
                .jsonPath("$.runtimes[1].versions[7].runtime").doesNotExist()
                .jsonPath("$.runtimes[2].name").isEqualTo("ruby")
                .jsonPath("$.runtimes[2].default").isEqualTo("3.3");
    }

    @Test
    void describesOneRuntime() {
        http.get().uri("/v1/templates/nodejs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("nodejs")
                .jsonPath("$.default").isEqualTo("22")
                .jsonPath("$.versions[*].version").isEqualTo(List.of("8", "10", "12", "18", "20", "22"))
                .jsonPath("$.versions[4].sha256").isEqualTo(catalog.template("nodejs", "20").sha256());
    }

    @Test
    void describesOneVersionWithItsRuntime() {
        TemplateVersion template = catalog.template("python", "3.11");
        http.get().uri("/v1/templates/python/3.11").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"runtime\":\"python\",\"version\":\"3.11\",\"eol\":false,\"default\":false,"
                        + "\"sha256\":\"" + template.sha256() + "\",\"size\":" + template.size() + "}");
    }

    @Test
    void servesAVersionsTarballAsImmutableWithItsDigestAsETag() throws IOException {
        TemplateVersion template = catalog.template("nodejs", "20");
        EntityExchangeResult<byte[]> result = http.get().uri("/v1/templates/nodejs/20.tar.gz").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/gzip")
                .expectHeader().valueEquals(HttpHeaders.ETAG, '"' + template.sha256() + '"')
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"nodejs-20.tar.gz\"")
                .expectHeader().valueEquals("X-Skyport-Template-Runtime", "nodejs")
                .expectHeader().valueEquals("X-Skyport-Template-Version", "20")
                .expectHeader().valueEquals("X-Skyport-Template-Eol", "true")
                .expectHeader().contentLength(template.size())
                .expectBody(byte[].class).returnResult();

        assertThat(DeterministicTarball.sha256(result.getResponseBody())).isEqualTo(template.sha256());
        assertThat(entryNames(result.getResponseBody())).containsExactly(".dockerignore", ".skyport/install-dependencies.sh", "Dockerfile");
    }

    @Test
    void theRuntimesTarballIsItsDefaultVersionAndIsRevalidated() {
        TemplateVersion nodejs22 = catalog.template("nodejs", "22");
        byte[] body = http.get().uri("/v1/templates/nodejs.tar.gz").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, '"' + nodejs22.sha256() + '"')
                .expectHeader().valueEquals("X-Skyport-Template-Version", "22")
                .expectHeader().valueEquals("X-Skyport-Template-Eol", "false")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(body).isEqualTo(nodejs22.tarball().bytes());
    }

    @Test
    void aMatchingIfNoneMatchGets304WithTheCachingHeadersAndNoBody() {
        String etag = '"' + catalog.template("python", "3.13").sha256() + '"';
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"0000\", " + etag)) {
            http.get().uri("/v1/templates/python/3.13.tar.gz").header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).exchange()
                    .expectStatus().isNotModified()
                    .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                    .expectHeader().valueEquals("X-Skyport-Template-Version", "3.13")
                    .expectBody().isEmpty();
        }
        http.get().uri("/v1/templates/python.tar.gz").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified();
        http.get().uri("/v1/templates/python/3.13.tar.gz").header(HttpHeaders.IF_NONE_MATCH, "\"" + "0".repeat(64) + "\"").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(catalog.template("python", "3.13").tarball().bytes());
    }

    @Test
    void headAnswersWithTheHeadersOnly() {
        TemplateVersion template = catalog.template("python", "2.7");
        http.head().uri("/v1/templates/python/2.7.tar.gz").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, '"' + template.sha256() + '"')
                .expectHeader().valueEquals("X-Skyport-Template-Eol", "true")
                .expectHeader().contentLength(template.size())
                .expectBody().isEmpty();
    }

    @Test
    void aDirectoryTemplateIsServedLikeABuiltInOne() {
        TemplateVersion ruby = catalog.template("ruby", "3.3");
        http.get().uri("/v1/templates/ruby/3.3.tar.gz").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(ruby.tarball().bytes());
    }

    @Test
    void anUnknownRuntimeGets404ListingTheRuntimes() {
        for (String path : List.of("/v1/templates/java", "/v1/templates/java.tar.gz", "/v1/templates/java/21",
                "/v1/templates/java/21.tar.gz")) {
            http.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo("template_not_found")
                    .jsonPath("$.error.message").isEqualTo("no runtime 'java'; the catalog has nodejs, python, ruby")
                    .jsonPath("$.error.details.runtimes").isEqualTo(List.of("nodejs", "python", "ruby"));
        }
    }

    @Test
    void anUnknownVersionGets404ListingTheVersions() {
        for (String path : List.of("/v1/templates/python/3.9", "/v1/templates/python/3.9.tar.gz")) {
            http.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo("template_not_found")
                    .jsonPath("$.error.message").isEqualTo("runtime 'python' has no version '3.9';"
                            + " it has 2.7, 3.5, 3.6, 3.7, 3.8, 3.11, 3.12, 3.13 (default 3.13)")
                    .jsonPath("$.error.details.versions").isEqualTo(List.of("2.7", "3.5", "3.6", "3.7", "3.8", "3.11", "3.12", "3.13"));
        }
    }

    @Test
    void aClientThatOnlyAcceptsGzipStillGetsTheJsonError() {
        http.get().uri("/v1/templates/java.tar.gz").accept(MediaType.parseMediaType("application/gzip")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error.code").isEqualTo("template_not_found");
        http.get().uri("/v1/templates/nodejs").accept(MediaType.parseMediaType("application/gzip")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void otherPathsAndMethodsGetTheSameErrorShape() {
        http.get().uri("/v1/templates/nodejs/22/Dockerfile").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo("not_found")
                .jsonPath("$.error.message").value(String.class, m -> assertThat(m)
                        .startsWith("nothing at GET /v1/templates/nodejs/22/Dockerfile; the catalog serves GET /v1/templates,"));
        http.post().uri("/v1/templates").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo("method_not_allowed")
                .jsonPath("$.error.message").isEqualTo("POST /v1/templates is not allowed; the catalog only answers GET and HEAD");
    }

    @Test
    void actuatorServesHealthProbesAndPrometheusOnTheSamePort() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/v1/templates/nodejs/8.tar.gz").exchange().expectStatus().isOk();

        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).containsPattern("skyport_catalog_tarball_requests_total\\{eol=\"true\",runtime=\"nodejs\",version=\"8\"} [1-9]")
                .contains("skyport_catalog_tarball_requests_total{eol=\"false\",runtime=\"ruby\",version=\"3.3\"}")
                .contains("http_server_requests_seconds_count");
    }

    private static List<String> entryNames(byte[] tarGz) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static Path createTemplatesDir() {
        try {
            Path dir = Files.createTempDirectory("skyport-catalog-api-test");
            dir.toFile().deleteOnExit();
            TemplateDirs.template(dir, "ruby", "3.3");
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
