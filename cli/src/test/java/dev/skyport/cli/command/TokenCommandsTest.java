package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** token create, list and revoke against WireMock stubs of docs/api.md. */
class TokenCommandsTest {

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void login() throws Exception {
        cli = new CliRun(dir).endpoint(platform.baseUrl());
    }

    @Test
    void createPrintsOnlyTheTokenOnStandardOutput() {
        platform.stubFor(post("/_controller/v1/tokens").willReturn(json(201, "{\"token\":\"sk_new\",\"id\":\"0123456789abcdef\","
                + "\"scope\":\"app:shop\",\"expiresAt\":\"2027-03-02T00:00:00Z\"}")));

        CliRun.Result result = cli.run("token", "create", "--scope", "app:shop", "--description", "ci", "--expires-in-days", "30");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("sk_new\n");
        assertThat(result.err()).contains("0123456789abcdef", "2027-03-02T00:00:00Z", "shown only now");
        platform.verify(postRequestedFor(urlEqualTo("/_controller/v1/tokens"))
                .withRequestBody(equalToJson("{\"scope\":\"app:shop\",\"description\":\"ci\",\"expiresInDays\":30}")));
    }

    @Test
    void listShowsEachTokensStateWithoutTheToken() {
        platform.stubFor(get("/_controller/v1/tokens").willReturn(json(200, "{\"tokens\":["
                + "{\"id\":\"aaaaaaaaaaaaaaaa\",\"scope\":\"app:shop\",\"description\":\"ci\",\"createdAt\":\"2026-12-01T00:00:00Z\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"revokedAt\":null},"
                + "{\"id\":\"bbbbbbbbbbbbbbbb\",\"scope\":\"admin\",\"description\":\"\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"expiresAt\":\"2026-04-01T00:00:00Z\",\"revokedAt\":null},"
                + "{\"id\":\"cccccccccccccccc\",\"scope\":\"app:blog\",\"description\":\"laptop\",\"createdAt\":\"2025-12-01T00:00:00Z\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"revokedAt\":\"2026-02-01T00:00:00Z\"}]}")));

        CliRun.Result result = cli.run("token", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines()).hasSize(4);
        assertThat(result.out().lines().skip(1).map(line -> line.split("\\s+")[2]))
                .containsExactly("active", "expired", "revoked");
    }

    @Test
    void revokeNamesTheRevokedToken() {
        platform.stubFor(delete("/_controller/v1/tokens/aaaaaaaaaaaaaaaa").willReturn(json(200,
                "{\"id\":\"aaaaaaaaaaaaaaaa\",\"scope\":\"app:shop\",\"revokedAt\":\"2026-12-02T00:00:00Z\"}")));
        platform.stubFor(delete("/_controller/v1/tokens/nope").willReturn(json(404,
                "{\"error\":{\"code\":\"token_not_found\",\"message\":\"there is no token with id 'nope'\",\"details\":{}}}")));

        CliRun.Result revoked = cli.run("token", "revoke", "aaaaaaaaaaaaaaaa");
        CliRun.Result unknown = cli.run("token", "revoke", "nope");

        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("revoked token aaaaaaaaaaaaaaaa (app:shop)");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no token with id 'nope'");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
