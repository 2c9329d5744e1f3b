package dev.skyport.cli.template;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.TemplateTarballs;
import dev.skyport.cli.http.Http;
import dev.skyport.cli.settings.Connection;
import dev.skyport.testing.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogClientTest {

    @RegisterExtension
    static WireMockExtension catalog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path cache;

    final List<String> warnings = new ArrayList<>();
    byte[] tarball;
    String sha256;

    @BeforeEach
    void serveNodejs22() throws Exception {
        tarball = TemplateTarballs.nodejs("22");
        sha256 = TemplateTarballs.sha256(tarball);
        catalog.stubFor(get("/_templates/v1/templates/nodejs/22.tar.gz").withHeader("If-None-Match", absent())
                .willReturn(tarballResponse(tarball, "22", false)));
        catalog.stubFor(get("/_templates/v1/templates/nodejs/22.tar.gz")
                .withHeader("If-None-Match", equalTo("\"" + sha256 + "\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"" + sha256 + "\"")));
    }

    @Test
    void downloadsOnceThenRevalidatesWithTheEtag() {
        FetchedTemplate first = client(catalog.baseUrl()).fetch("nodejs", "22");
        FetchedTemplate second = client(catalog.baseUrl()).fetch("nodejs", "22");

        assertThat(first.sha256()).isEqualTo(sha256);
        assertThat(first.version()).isEqualTo("22");
        assertThat(first.directory().resolve("Dockerfile")).content().startsWith("FROM node:22");
        assertThat(first.directory().resolve(".skyport/start.sh")).exists();
        assertThat(second).isEqualTo(first);
        catalog.verify(1, getRequestedFor(urlEqualTo("/_templates/v1/templates/nodejs/22.tar.gz"))
                .withHeader("If-None-Match", absent()));
        catalog.verify(1, getRequestedFor(urlEqualTo("/_templates/v1/templates/nodejs/22.tar.gz"))
                .withHeader("If-None-Match", equalTo("\"" + sha256 + "\"")));
        assertThat(cache.resolve("blobs").resolve(sha256 + ".tar.gz")).exists();
        assertThat(warnings).isEmpty();
    }

    @Test
    void asksForTheDefaultVersionWithoutOneAndLearnsWhichItIs() {
        catalog.stubFor(get("/_templates/v1/templates/nodejs.tar.gz").willReturn(tarballResponse(tarball, "22", false)));

        FetchedTemplate fetched = client(catalog.baseUrl()).fetch("nodejs", null);

        assertThat(fetched.version()).isEqualTo("22");
    }

    @Test
    void warnsAboutAnEndOfLifeVersionAndNamesTheDefault() throws Exception {
        byte[] old = TemplateTarballs.nodejs("8");
        catalog.stubFor(get("/_templates/v1/templates/nodejs/8.tar.gz").willReturn(tarballResponse(old, "8", true)));
        catalog.stubFor(get("/_templates/v1/templates/nodejs").willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"nodejs\",\"default\":\"22\",\"versions\":[]}")));

        FetchedTemplate fetched = client(catalog.baseUrl()).fetch("nodejs", "8");

        assertThat(fetched.eol()).isTrue();
        assertThat(warnings).singleElement().asString().contains("nodejs 8 is end-of-life",
                "move to runtime_version: \"22\" (the default)");
    }

    @Test
    void listsTheRuntimesOrVersionsForAnUnknownOne() {
        catalog.stubFor(get("/_templates/v1/templates/nodjs.tar.gz").willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":\"template_not_found\",\"message\":\"no runtime nodjs\","
                        + "\"details\":{\"runtimes\":[\"nodejs\",\"python\"]}}}")));
        catalog.stubFor(get("/_templates/v1/templates/nodejs/9.tar.gz").willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":\"template_not_found\",\"message\":\"no version 9\","
                        + "\"details\":{\"versions\":[\"8\",\"22\"]}}}")));

        assertThatThrownBy(() -> client(catalog.baseUrl()).fetch("nodjs", null)).isInstanceOf(CliFailure.class)
                .hasMessage("runtime 'nodjs' is not in the template catalog; the runtimes are: nodejs, python")
                .extracting(e -> ((CliFailure) e).exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> client(catalog.baseUrl()).fetch("nodejs", "9"))
                .hasMessage("runtime_version '9' is not a nodejs version; the versions are: 8, 22");
    }

    @Test
    void usesTheCachedTemplateWhenTheCatalogCannotBeReached() {
        client(catalog.baseUrl()).fetch("nodejs", "22");

        FetchedTemplate offline = client("http://127.0.0.1:" + FreePorts.next()).fetch("nodejs", "22");

        assertThat(offline.sha256()).isEqualTo(sha256);
        assertThat(warnings).singleElement().asString().contains("cannot be reached", "using the cached nodejs 22");
    }

    @Test
    void failsWithoutACacheWhenTheCatalogCannotBeReached() {
        assertThatThrownBy(() -> client("http://127.0.0.1:" + FreePorts.next()).fetch("nodejs", "22"))
                .isInstanceOf(CliFailure.class).extracting(e -> ((CliFailure) e).exitCode()).isEqualTo(3);
    }

    @Test
    void refusesADamagedDownloadAndATemplateWithForeignFiles() throws Exception {
        catalog.stubFor(get("/_templates/v1/templates/python/3.12.tar.gz").willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"" + "0".repeat(64) + "\"").withHeader("X-Skyport-Template-Version", "3.12")
                .withBody(tarball)));
        assertThatThrownBy(() -> client(catalog.baseUrl()).fetch("python", "3.12")).hasMessageContaining("arrived damaged");

        byte[] foreign = TemplateTarballs.tarball(Map.of("Dockerfile", "FROM x\n", "app.py", "print()\n"));
        catalog.stubFor(get("/_templates/v1/templates/python/3.13.tar.gz").willReturn(tarballResponse(foreign, "3.13",
                false)));
        assertThatThrownBy(() -> client(catalog.baseUrl()).fetch("python", "3.13"))
                .hasMessageContaining("holds 'app.py', which a template may not");
        try (var trees = Files.list(Files.createDirectories(cache.resolve("trees")))) {
            assertThat(trees).isEmpty();
        }
    }

    private TemplateCatalogClient client(String endpoint) {
        return new TemplateCatalogClient(new Http(new Connection(URI.create(endpoint), null)), cache, warnings::add);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tarballResponse(byte[] body,
                                                                                                   String version,
                                                                                                   boolean eol) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/gzip")
                .withHeader("ETag", "\"" + TemplateTarballs.sha256(body) + "\"")
                .withHeader("X-Skyport-Template-Runtime", "nodejs").withHeader("X-Skyport-Template-Version", version)
                .withHeader("X-Skyport-Template-Eol", String.valueOf(eol)).withBody(body);
    }
}
