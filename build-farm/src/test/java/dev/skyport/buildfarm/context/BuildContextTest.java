package dev.skyport.buildfarm.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.buildfarm.artifact.ArtifactStore;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.Records;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/builds/{id}/context?token=}: the artifact for a build Job, with a signed, short-lived,
 * single-use token; and the context source that issues those URLs.
 */
class BuildContextTest {

    private static TestBuildFarm farm;
    private static byte[] archive;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.startInMemory(Map.of());
        archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes();
        farm.client().putArtifact("shop", archive);
        Records.queuedDeployment(farm.bean(RecordStore.class), "shop", "api", "d-20260101t000000-00aa",
                TestArchive.sha256(archive));
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    private static HttpResponse<byte[]> fetch(String id, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(farm.baseUri().resolve("/v1/builds/" + id
                + "/context" + (token == null ? "" : "?token=" + token))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aValidTokenGetsTheArtifactWithoutABearerToken() throws Exception {
        String token = farm.bean(BuildContextTokens.class).issue("d-20260101t000000-00aa");
        HttpResponse<byte[]> response = fetch("d-20260101t000000-00aa", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(archive);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
    }

    @Test
    void aTokenWorksOnce() throws Exception {
        String token = farm.bean(BuildContextTokens.class).issue("d-20260101t000000-00aa");
        assertThat(fetch("d-20260101t000000-00aa", token).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> again = fetch("d-20260101t000000-00aa", token);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(new String(again.body())).contains("build_token_used");
    }

    @Test
    void theContextSourceIssuesAFreshUrlPerAskAndKnowsTheDigest() throws Exception {
        BuildContexts contexts = new BuildContexts(farm.bean(ArtifactStore.class),
                farm.bean(BuildContextTokens.class), new BuildContextProperties(Duration.ofMinutes(15), null,
                farm.baseUri()));
        var context = contexts.of("shop", TestArchive.sha256(archive), "d-20260101t000000-00aa");
        assertThat(context.sha256()).isEqualTo(TestArchive.sha256(archive));
        assertThat(context.size()).isEqualTo(archive.length);
        URI first = context.singleUseUrl();
        assertThat(first).isNotEqualTo(context.singleUseUrl());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(first).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(archive);
    }

    @Test
    void withoutAPublicUrlNoRemoteContextIsIssued() {
        BuildContexts contexts = new BuildContexts(farm.bean(ArtifactStore.class),
                farm.bean(BuildContextTokens.class), new BuildContextProperties(Duration.ofMinutes(15), null, null));
        var context = contexts.of("shop", TestArchive.sha256(archive), "d-20260101t000000-00aa");
        assertThatThrownBy(context::singleUseUrl)
                .hasMessageContaining("skyport.build-farm.build-context.public-url");
    }

    @Test
    void aMissingWrongOrOtherBuildsTokenIs401() throws Exception {
        BuildContextTokens tokens = farm.bean(BuildContextTokens.class);
        assertThat(fetch("d-20260101t000000-00aa", null).statusCode()).isEqualTo(401);
        assertThat(fetch("d-20260101t000000-00aa", "123.abc").statusCode()).isEqualTo(401);
        assertThat(fetch("d-20260101t000000-00aa", tokens.issue("d-other")).statusCode()).isEqualTo(401);
        assertThat(fetch("d-20260101t000000-00aa", Long.MAX_VALUE + ".abc").statusCode())
                .as("an expiry no Instant can hold").isEqualTo(401);
        assertThat(new String(fetch("d-20260101t000000-00aa", null).body())).contains("invalid_build_token");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant issuedAt = Instant.parse("2026-01-01T00:00:00Z");
        BuildContextProperties properties = new BuildContextProperties(Duration.ofMinutes(15), null, null);
        BuildContextTokens issuer = new BuildContextTokens(properties, Clock.fixed(issuedAt, ZoneOffset.UTC));
        String token = issuer.issue("d-1");
        assertThat(issuer.verify("d-1", token)).isTrue();
        assertThat(new BuildContextTokens(properties, Clock.fixed(issuedAt.plus(Duration.ofMinutes(16)),
                ZoneOffset.UTC)).verify("d-1", token)).isFalse();
    }

    @Test
    void anUnknownBuildIs404() throws Exception {
        String token = farm.bean(BuildContextTokens.class).issue("d-unknown");
        assertThat(fetch("d-unknown", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aBearerTokenAloneIsNotEnough() {
        BuildFarmClient api = farm.client();
        assertThat(api.get("/v1/builds/d-20260101t000000-00aa/context").status()).isEqualTo(401);
    }
}
