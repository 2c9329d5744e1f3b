package dev.skyport.buildfarm.pipeline;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

class DeployLifecycleTest {

    private static TestBuildFarm farm;
    private static BuildFarmClient api;
    private final String app = "t" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start();
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @Test
    void aDeployBuildsRunsAndPublishesTheRoute() throws Exception {
        String id = api.deploy(app, "hello", ServiceArchives.httpd("hello v1", 8080), item("/hello", 8080));

        JsonNode deployment = api.awaitDeployment(app, id, Duration.ofMinutes(2), "running");
        assertThat(deployment.get("image").asString()).startsWith("127.0.0.1:15000/" + app + "/hello@sha256:");

        StringRedisTemplate redis = farm.bean(StringRedisTemplate.class);
        Object stored = redis.opsForHash().get(RedisKeys.routes(app), "/hello");
        assertThat(stored).isNotNull();
        RouteRecord route = new RouteCodec().decode(stored.toString());
        assertThat(route.deploymentId()).isEqualTo(id);
        assertThat(fetch(route.target() + "/").body()).isEqualTo("hello v1");

        JsonNode microservice = api.microservice(app, "hello");
        assertThat(microservice.get("status").asString()).isEqualTo("running");
        assertThat(microservice.get("route").get("url").asString()).isEqualTo("http://127.0.0.1:8080/hello/");

        assertThat(api.delete("/v1/apps/" + app + "/microservices/hello").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.keys("skyport:*" + app + "*").isEmpty());
    }
}
