package dev.skyport.buildfarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

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
        Map<String, List<String>> api = Map.of(
                "/v1/apps/{app}/artifacts/{sha256}", List.of("head", "put"),
                "/v1/apps/{app}/microservices", List.of("get"),
                "/v1/apps/{app}/microservices/{name}", List.of("get", "delete"),
                "/v1/apps/{app}/microservices/{name}/deployments", List.of("post"),
                "/v1/apps/{app}/microservices/{name}/stop", List.of("post"),
                "/v1/apps/{app}/microservices/{name}/start", List.of("post"),
                "/v1/apps/{app}/deployments/{id}", List.of("get"),
                "/v1/apps/{app}/deployments/{id}/logs", List.of("get"),
                "/v1/builds/{id}/context", List.of("get"),
                "/v1/tokens", List.of("post"));
        api.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path).isTrue();
            methods.forEach(method -> assertThat(paths.get(path).has(method)).as(method + " " + path).isTrue());
        });
        assertThat(response.body().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void unknownPathsGiveTheJsonError() {
        Response response = farm.client().get("/v1/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }
}
