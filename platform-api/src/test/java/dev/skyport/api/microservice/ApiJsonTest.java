package dev.skyport.api.microservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The records serialize to the shapes of docs/api.md. */
class ApiJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Instant t = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void aDeploymentAsDocumented() {
        Deployment d = new Deployment("d-20261122t030000-7f3a", "shop", "api", "ab".repeat(32),
                DeploymentStatus.BUILD_FAILED, "step 2 failed", null, t, t);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new DeploymentResponse(d))).get("deployment");

        assertThat(json.get("status").asString()).isEqualTo("build_failed");
        assertThat(json.get("createdAt").asString()).isEqualTo("2026-11-22T03:00:00Z");
        assertThat(json.has("image")).isTrue();
        assertThat(json.get("image").isNull()).isTrue();
        assertThat(mapper.readValue(mapper.writeValueAsString(d), Deployment.class)).isEqualTo(d);
    }

    @Test
    void aMicroserviceAsDocumented() {
        Microservice m = new Microservice("shop", "api", MicroserviceStatus.RUNNING, "serving d-1",
                "127.0.0.1:15000/shop/api@sha256:" + "0".repeat(64),
                new MicroserviceRoute("/api", "http://127.0.0.1:8080/api/", "http://127.0.0.1:32768"),
                "d-1", "d-1", t, t);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new MicroserviceListResponse(List.of(m))))
                .get("microservices").get(0);

        assertThat(json.get("status").asString()).isEqualTo("running");
        assertThat(json.get("route").get("target").asString()).isEqualTo("http://127.0.0.1:32768");
        assertThat(json.get("currentDeployment").asString()).isEqualTo("d-1");
        assertThat(json.has("url")).as("url() is a helper, not a field").isFalse();
        assertThat(mapper.readValue(mapper.writeValueAsString(m), Microservice.class)).isEqualTo(m);
    }

    @Test
    void aStatusEventAndADeploymentRequest() {
        assertThat(mapper.writeValueAsString(new StatusEvent(DeploymentStatus.RUNNING, "ok")))
                .isEqualTo("{\"status\":\"running\",\"message\":\"ok\"}");
        DeploymentRequest request = mapper.readValue(
                "{\"artifact\":\"abc\",\"item\":{\"type\":\"http-service\",\"port\":8080}}", DeploymentRequest.class);
        assertThat(request.item().get("port").asInt()).isEqualTo(8080);
    }

    @Test
    void optionalRequestFieldsAreLeftOutWhenAbsent() {
        assertThat(mapper.writeValueAsString(new TokenRequest("admin", null)))
                .isEqualTo("{\"scope\":\"admin\"}");
        assertThat(mapper.writeValueAsString(new DeploymentRequest("abc", mapper.readTree("{}"), null)))
                .isEqualTo("{\"artifact\":\"abc\",\"item\":{}}");
    }
}
