package dev.skyport.buildfarm.deployment;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.Records;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Deploy requests the build farm refuses before anything is built. */
@Tag("engine")
class DeploymentRequestTest {

    private static TestBuildFarm farm;
    private static BuildFarmClient api;
    private static String artifact;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.start();
        api = farm.client();
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes();
        api.putArtifact("shop", archive);
        artifact = TestArchive.sha256(archive);
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @Test
    void anInvalidItemIsRefusedNamingTheKey() {
        ObjectNode item = item("/api", 70000);
        Response response = api.requestDeployment("shop", "api", artifact, item);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_item");
        assertThat(response.body().get("error").get("details").get("key").asString()).isEqualTo("port");
        assertThat(response.errorMessage()).contains("item 'api'").contains("port");
    }

    @Test
    void anUnknownKeyIsRefused() {
        ObjectNode item = item("/api", 8080);
        item.put("replicas", 3);
        Response response = api.requestDeployment("shop", "api", artifact, item);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").get("details").get("key").asString()).isEqualTo("replicas");
    }

    @Test
    void aTemplateDigestIsOnlyForRuntimeItemsAndMustBeASha256() {
        Map<String, Object> forDockerfile = Map.of("artifact", artifact, "item", item("/api", 8080),
                "templateDigest", "sha256:" + "a".repeat(64));
        ObjectNode runtimeItem = item("/api", 8080);
        runtimeItem.remove("dockerfile");
        runtimeItem.put("runtime", "python");
        runtimeItem.put("runtime_version", "3.11");
        Map<String, Object> malformed = Map.of("artifact", artifact, "item", runtimeItem, "templateDigest", "abc");

        Response dockerfile = api.post("/v1/apps/shop/microservices/api/deployments", forDockerfile);
        Response notADigest = api.post("/v1/apps/shop/microservices/api/deployments", malformed);

        assertThat(dockerfile.status()).isEqualTo(400);
        assertThat(dockerfile.errorCode()).isEqualTo("invalid_template_digest");
        assertThat(dockerfile.errorMessage()).contains("only for runtime items");
        assertThat(notADigest.status()).isEqualTo(400);
        assertThat(notADigest.errorCode()).isEqualTo("invalid_template_digest");
        assertThat(notADigest.errorMessage()).contains("64 lower-case hex digits").contains("'abc'");
    }

    @Test
    void anArtifactNeverUploadedIs404() {
        Response response = api.requestDeployment("shop", "api", "f".repeat(64), item("/api", 8080));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("artifact_not_found");
        assertThat(response.errorMessage()).contains("PUT /v1/apps/shop/artifacts/");
    }

    @Test
    void anotherAppsArtifactIsNotFound() {
        Response response = api.requestDeployment("blog", "api", artifact, item("/api", 8080));
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void aPathAnotherMicroserviceHasIsAConflict() {
        Records.queuedDeployment(farm.bean(RecordStore.class), "shop", "web", "d-20260101t000000-0002", artifact);
        Response response = api.requestDeployment("shop", "store", artifact, item("/web/", 8080));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("route_conflict");
        assertThat(response.errorMessage()).contains("'web'");
    }

    @Test
    void badNamesAreRefused() {
        Response response = api.requestDeployment("shop", "Bad_Name", artifact, item("/x", 8080));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_name");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        Response response = api.send("POST", "/v1/apps/shop/microservices/api/deployments",
                java.net.http.HttpRequest.BodyPublishers.ofString("{not json"), Map.of("Content-Type",
                        "application/json"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void unknownDeploymentsAndMicroservicesAre404() {
        assertThat(api.get("/v1/apps/shop/deployments/d-nope").errorCode()).isEqualTo("deployment_not_found");
        assertThat(api.get("/v1/apps/shop/microservices/nope").errorCode()).isEqualTo("microservice_not_found");
        assertThat(api.post("/v1/apps/shop/microservices/nope/stop", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aLastEventIdThisStreamNeverSentIsRefused() {
        Records.queuedDeployment(farm.bean(RecordStore.class), "shop", "logs", "d-20260101t000000-0003", artifact);
        Response response = api.send("GET", "/v1/apps/shop/deployments/d-20260101t000000-0003/logs?follow=false",
                java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of("Last-Event-ID", "yesterday"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_last_event_id");
    }
}
