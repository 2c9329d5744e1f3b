package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TemplatesListCommandTest {

    @RegisterExtension
    static WireMockExtension catalog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void listsRuntimesVersionsDefaultsAndEndOfLife() throws Exception {
        catalog.stubFor(get("/_templates/v1/templates").withHeader("Authorization", equalTo("Bearer test-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ConfigValidateCommandTest.CATALOG)));
        CliRun cli = new CliRun(dir).endpoint(catalog.baseUrl());

        CliRun.Result text = cli.run("templates", "list");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("""
                RUNTIME  VERSION  DEFAULT  END-OF-LIFE  SIZE  SHA256
                nodejs   8                 yes          10 B  aa
                nodejs   22       yes                   10 B  bb
                python   3.12     yes                   10 B  cc
                """);

        CliRun.Result json = cli.run("templates", "list", "-o", "json");
        assertThat(json.out()).contains("\"runtimes\" : [", "\"default\" : \"22\"");
    }

    @Test
    void aCatalogAnswerWithoutRuntimesIsAFailure() throws Exception {
        catalog.stubFor(get("/_templates/v1/templates").willReturn(aResponse().withStatus(200).withBody("{}")));

        CliRun.Result result = new CliRun(dir).endpoint(catalog.baseUrl()).run("templates", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the template catalog answered without a runtimes list");
    }

    @Test
    void aGatewayWithoutTheCatalogIsUnreachable() throws Exception {
        catalog.stubFor(get("/_templates/v1/templates").willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"code\":\"upstream_unavailable\",\"message\":\"template catalog is down\"}}")));

        CliRun.Result result = new CliRun(dir).endpoint(catalog.baseUrl()).run("templates", "list");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("could not reach the service behind it: template catalog is down");
    }
}
