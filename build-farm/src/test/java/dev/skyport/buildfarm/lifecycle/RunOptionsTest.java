package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an instance runs: command override, environment, PORT, HTTP health check, labels, restart policy, loopback
 * port, default limits, own network.
 */
@Tag("engine")
class RunOptionsTest {

    private static final String APP = "opts" + UUID.randomUUID().toString().substring(0, 6);
    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start();
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        try {
            api.delete("/v1/apps/" + APP + "/microservices/web");
        } finally {
            farm.close();
        }
    }

    @Test
    void theInstanceRunsAsTheItemSays() throws Exception {
        // The image's own command would exit at once; the item's command replaces it. The HTTP check
        // passes only once /ready exists, three seconds after the server is up.
        byte[] archive = TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nCMD [\"false\"]\n")
                .bytes();
        ObjectNode item = item("/web", 8081);
        item.putArray("command").add("sh").add("-c").add("mkdir -p /www && echo \"greeting=$GREETING port=$PORT\""
                + " > /www/index.html && httpd -p $PORT -h /www && sleep 3 && touch /www/ready && exec sleep 100000");
        item.putObject("environment").put("GREETING", "hi there");
        item.putObject("health_check").put("path", "/ready");

        String id = api.deploy(APP, "web", archive, item);
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");

        JsonNode microservice = api.microservice(APP, "web");
        String target = microservice.get("route").get("target").asString();
        assertThat(fetch(target + "/").body().strip()).isEqualTo("greeting=hi there port=8081");
        assertThat(api.logLines(APP, id))
                .anyMatch(l -> l.startsWith("waiting for HTTP GET /ready on port 8081"))
                .anyMatch(l -> l.startsWith("still waiting") && l.contains("GET /ready answered 404"));

        DockerClient docker = farm.bean(DockerClient.class);
        List<Container> containers = docker.listContainersCmd().withLabelFilter(Map.of("skyport.dev/deployment", id))
                .exec();
        assertThat(containers).hasSize(1);
        InspectContainerResponse container = docker.inspectContainerCmd(containers.get(0).getId()).exec();
        assertThat(container.getConfig().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "skyport")
                .containsEntry("skyport.dev/app", APP)
                .containsEntry("skyport.dev/microservice", "web")
                .containsEntry("skyport.dev/deployment", id);
        assertThat(container.getConfig().getEnv()).contains("PORT=8081", "GREETING=hi there");
        assertThat(container.getConfig().getEntrypoint()).containsExactly("sh", "-c",
                item.get("command").get(2).asString());
        assertThat(container.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
        // The default limits (docs/build-farm.md) and the instances' own network.
        assertThat(container.getHostConfig().getMemory()).isEqualTo(512L * 1024 * 1024);
        assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(1_000_000_000L);
        assertThat(container.getHostConfig().getPidsLimit()).isEqualTo(512L);
        assertThat(container.getHostConfig().getNetworkMode()).isEqualTo(farm.appsNetwork());
        assertThat(container.getName()).isEqualTo("/skyport-" + APP + "-web-" + id);
        assertThat(container.getConfig().getImage()).isEqualTo(deployment.get("image").asString());
        Ports.Binding[] bindings = container.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8081));
        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.getHostIp()).isEqualTo("127.0.0.1");
            assertThat(target).isEqualTo("http://127.0.0.1:" + b.getHostPortSpec());
        });
    }

    @Test
    void aRedeployToAnotherPathMovesTheRoute() throws Exception {
        var redis = farm.bean(org.springframework.data.redis.core.StringRedisTemplate.class);
        String key = dev.skyport.api.route.RedisKeys.routes(APP);
        String first = api.deploy(APP, "mover", dev.skyport.buildfarm.testing.ServiceArchives.httpd("moving", 8080),
                item("/old-place", 8080));
        api.awaitDeployment(APP, first, Duration.ofMinutes(2), "running");
        assertThat(redis.opsForHash().keys(key)).contains("/old-place");

        String second = api.deploy(APP, "mover", dev.skyport.buildfarm.testing.ServiceArchives.httpd("moving", 8080),
                item("/new/place/", 8080));
        api.awaitDeployment(APP, second, Duration.ofMinutes(2), "running");

        assertThat(redis.opsForHash().keys(key)).contains("/new/place").doesNotContain("/old-place");
        assertThat(api.microservice(APP, "mover").get("route").get("url").asString())
                .isEqualTo("http://127.0.0.1:8080/new/place/");
        api.delete("/v1/apps/" + APP + "/microservices/mover");
        assertThat(redis.opsForHash().keys(key)).doesNotContain("/new/place");
    }
}
