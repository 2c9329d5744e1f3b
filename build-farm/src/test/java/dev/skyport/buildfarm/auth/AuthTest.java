package dev.skyport.buildfarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

@Tag("engine")
class AuthTest {

    private static final String ARTIFACT = "0".repeat(64);
    private static TestBuildFarm farm;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.start();
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @Test
    void noTokenIs401WithTheErrorShape() {
        Response response = farm.client(null).head("/v1/apps/shop/artifacts/" + ARTIFACT);
        assertThat(response.status()).isEqualTo(401);
        Response get = farm.client(null).get("/v1/apps/shop/microservices");
        assertThat(get.status()).isEqualTo(401);
        assertThat(get.errorCode()).isEqualTo("unauthorized");
        assertThat(get.errorMessage()).contains("Authorization: Bearer");
        assertThat(get.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"skyport\"");
    }

    @Test
    void anUnknownOrMalformedTokenIs401() {
        assertThat(farm.client("sk_wrong").get("/v1/apps/shop/microservices").status()).isEqualTo(401);
        Response malformed = farm.client(null).send("GET", "/v1/apps/shop/microservices",
                java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of("Authorization", "Basic abc"));
        assertThat(malformed.status()).isEqualTo(401);
    }

    @Test
    void anAppTokenWorksForItsAppAndIs403ForAnother() {
        Response created = farm.client().post("/v1/tokens", Map.of("scope", "app:shop", "description", "ci"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("scope").asString()).isEqualTo("app:shop");
        String token = created.body().get("token").asString();
        assertThat(token).startsWith("sk_");

        BuildFarmClient shop = farm.client(token);
        assertThat(shop.get("/v1/apps/shop/microservices").status()).isEqualTo(200);
        assertThat(shop.head("/v1/apps/shop/artifacts/" + ARTIFACT).status()).isEqualTo(404);
        Response other = shop.get("/v1/apps/blog/microservices");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.errorCode()).isEqualTo("forbidden");
        assertThat(other.errorMessage()).contains("app:shop").contains("'blog'");
        assertThat(shop.post("/v1/tokens", Map.of("scope", "admin")).status()).isEqualTo(403);
    }

    @Test
    void tokensAreStoredOnlyAsTheirSha256() {
        String token = farm.client().post("/v1/tokens", Map.of("scope", "app:blog")).body().get("token").asString();
        StringRedisTemplate redis = farm.bean(StringRedisTemplate.class);
        Map<Object, Object> stored = redis.opsForHash().entries(BuildFarmKeys.TOKENS);
        assertThat(stored).containsKey(TokenHashes.sha256(token));
        assertThat(stored.toString()).doesNotContain(token).doesNotContain(farm.adminToken());
    }

    @Test
    void aBadScopeIsRefused() {
        Response response = farm.client().post("/v1/tokens", Map.of("scope", "app:Not_A_Label"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_scope");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAToken() {
        Response response = farm.client(null).get("/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.body().get("paths");
        Map<String, List<String>> api = Map.ofEntries(
                Map.entry("/v1/apps/{app}/artifacts/{sha256}", List.of("head", "put")),
                Map.entry("/v1/apps/{app}/microservices", List.of("get")),
                Map.entry("/v1/apps/{app}/microservices/{name}", List.of("get", "delete")),
                Map.entry("/v1/apps/{app}/microservices/{name}/deployments", List.of("post")),
                Map.entry("/v1/apps/{app}/microservices/{name}/stop", List.of("post")),
                Map.entry("/v1/apps/{app}/microservices/{name}/start", List.of("post")),
                Map.entry("/v1/apps/{app}/microservices/{name}/rollback", List.of("post")),
                Map.entry("/v1/apps/{app}/microservices/{name}/rollback-targets", List.of("get")),
                Map.entry("/v1/apps/{app}/microservices/{name}/logs", List.of("get")),
                Map.entry("/v1/apps/{app}/deployments/{id}", List.of("get")),
                Map.entry("/v1/apps/{app}/deployments/{id}/logs", List.of("get")),
                Map.entry("/v1/builds/{id}/context", List.of("get")),
                Map.entry("/v1/tokens", List.of("post", "get")),
                Map.entry("/v1/tokens/{id}", List.of("delete")));
        api.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path).isTrue();
            methods.forEach(method -> assertThat(paths.get(path).has(method)).as(method + " " + path).isTrue());
        });
        assertThat(response.body().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void aTokenLivesNinetyDaysByDefaultOrAsLongAsAskedWithinTheMaximum() {
        Response standard = farm.client().post("/v1/tokens", Map.of("scope", "app:shop"));
        Response shortLived = farm.client().post("/v1/tokens", Map.of("scope", "app:shop", "expiresInDays", 2));
        Response tooLong = farm.client().post("/v1/tokens", Map.of("scope", "app:shop", "expiresInDays", 366));

        assertThat(lifetime(standard)).isEqualTo(Duration.ofDays(90));
        assertThat(lifetime(shortLived)).isEqualTo(Duration.ofDays(2));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("invalid_expiry");
        assertThat(tooLong.errorMessage()).contains("between 1 and 365");
    }

    @Test
    void anExpiredTokenIs401AndSaysSo() {
        String token = "sk_expired_for_test";
        Instant created = Instant.now().minus(Duration.ofDays(91));
        farm.bean(StringRedisTemplate.class).opsForHash().put(BuildFarmKeys.TOKENS, TokenHashes.sha256(token),
                "{\"id\":\"x\",\"scope\":\"app:shop\",\"description\":\"\",\"createdAt\":\"" + created
                        + "\",\"expiresAt\":\"" + created.plus(Duration.ofDays(90)) + "\"}");

        Response response = farm.client(token).get("/v1/apps/shop/microservices");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorMessage()).contains("expired at");
    }

    @Test
    void aTokenStoredBeforeExpiryExistedLivesTheDefaultLifetimeFromItsCreation() {
        StringRedisTemplate redis = farm.bean(StringRedisTemplate.class);
        String old = "sk_made_before_expiry_existed";
        String recent = "sk_made_recently_before_expiry_existed";
        redis.opsForHash().put(BuildFarmKeys.TOKENS, TokenHashes.sha256(old), "{\"scope\":\"app:shop\","
                + "\"description\":\"\",\"createdAt\":\"" + Instant.now().minus(Duration.ofDays(91)) + "\"}");
        redis.opsForHash().put(BuildFarmKeys.TOKENS, TokenHashes.sha256(recent), "{\"scope\":\"app:shop\","
                + "\"description\":\"\",\"createdAt\":\"" + Instant.now().minus(Duration.ofDays(1)) + "\"}");

        Response refused = farm.client(old).get("/v1/apps/shop/microservices");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("expired at");
        assertThat(farm.client(recent).get("/v1/apps/shop/microservices").status()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestAndListedAsRevoked() {
        Response created = farm.client().post("/v1/tokens", Map.of("scope", "app:shop", "description", "laptop"));
        String token = created.body().get("token").asString();
        String id = created.body().get("id").asString();
        assertThat(farm.client(token).get("/v1/apps/shop/microservices").status()).isEqualTo(200);

        Response revoked = farm.client().delete("/v1/tokens/" + id);
        Response refused = farm.client(token).get("/v1/apps/shop/microservices");
        JsonNode listed = farm.client().get("/v1/tokens").body().get("tokens");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("revoked");
        JsonNode entry = null;
        for (JsonNode candidate : listed) {
            if (candidate.get("id").asString().equals(id)) {
                entry = candidate;
            }
        }
        assertThat(entry).as("the revoked token in GET /v1/tokens").isNotNull();
        assertThat(entry.get("description").asString()).isEqualTo("laptop");
        assertThat(entry.get("revokedAt").isNull()).isFalse();
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(farm.client().delete("/v1/tokens/0000000000000000").status()).isEqualTo(404);
        assertThat(farm.client(token).get("/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void ambiguousPathsAre400BeforeAnyAuthorisation() {
        for (String path : List.of("/v1;x/tokens", "/v1/apps/shop;x/microservices", "/v1/apps/shop%2Fx/microservices",
                "/v1//tokens", "/v1/apps/shop/%2e%2e/blog/microservices", "/v1/apps/./shop/microservices")) {
            Response response = farm.client(null).send("POST", path, java.net.http.HttpRequest.BodyPublishers.noBody(),
                    Map.of());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.errorCode()).as(path).isEqualTo("request_rejected");
        }
    }

    @Test
    void percentEncodedLettersAreAuthorisedAsTheDecodedPathTheControllerServes() {
        assertThat(farm.client(null).post("/%76%31/tokens", Map.of("scope", "admin")).status()).isEqualTo(401);
        String shop = farm.client().post("/v1/tokens", Map.of("scope", "app:shop")).body().get("token").asString();
        assertThat(farm.client(shop).get("/v1/apps/%62log/microservices").status()).isEqualTo(403);
        assertThat(farm.client(shop).get("/v1/apps/%73hop/microservices").status()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
            HttpResponse<String> management = http.send(HttpRequest.newBuilder(farm.managementUri().resolve(path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(management.statusCode()).as(path).isEqualTo(200);
            assertThat(farm.client(null).get(path).status()).as(path + " on the API port").isEqualTo(404);
        }
    }

    private static Duration lifetime(Response created) {
        assertThat(created.status()).isEqualTo(201);
        return Duration.between(Instant.now(), Instant.parse(created.body().get("expiresAt").asString()))
                .plusMinutes(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    }

    @Test
    void unknownPathsGiveTheJsonError() {
        Response response = farm.client().get("/v1/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }
}
