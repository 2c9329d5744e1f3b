package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.buildfarm.runtime.docker.DockerClientConfiguration;
import dev.skyport.buildfarm.runtime.docker.DockerProperties;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.DevServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The build farm follows what the Docker Engine reports: vanished instances run again, moved ports move the route. */
@Tag("engine")
class ObservedInstancesTest {

    private static final String APP = "obs" + UUID.randomUUID().toString().substring(0, 6);
    private static TestBuildFarm farm;
    private static DockerClient docker;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start();
        docker = DockerClientConfiguration.newClient(new DockerProperties(DevServices.get().dockerHost(), "1.41",
                "127.0.0.1", "127.0.0.1", "no", null, "none"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            farm.client().delete("/v1/apps/" + APP + "/microservices/svc");
        } finally {
            farm.close();
            docker.close();
        }
    }

    private static URI routeTarget() {
        Object value = farm.bean(StringRedisTemplate.class).opsForHash().get(RedisKeys.routes(APP), "/svc");
        return value == null ? null : new RouteCodec().decode(value.toString()).target();
    }

    private static List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("skyport.dev/app", APP)).exec();
    }

    @Test
    void anInstanceThatVanishedWhileTheBuildFarmWasDownRunsAgainAtStartUp() throws Exception {
        BuildFarmClient api = farm.client();
        String id = api.deploy(APP, "svc", ServiceArchives.httpd("observed", 8080), item("/svc", 8080));
        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");
        String removed = containers().get(0).getId();

        farm.stopApplication();
        docker.removeContainerCmd(removed).withForce(true).exec();
        farm.restart();

        await().atMost(Duration.ofMinutes(1)).until(() -> containers().stream()
                .anyMatch(c -> "running".equals(c.getState()) && !c.getId().equals(removed)));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> fetch(routeTarget() + "/").body().equals("observed"));
        BuildFarmClient restarted = farm.client();
        assertThat(restarted.microservice(APP, "svc").get("status").asString()).isEqualTo("running");
        assertThat(restarted.microservice(APP, "svc").get("route").get("target").asString())
                .isEqualTo(routeTarget().toString());
        assertThat(restarted.logLines(APP, id)).anyMatch(l -> l.startsWith("starting skyport-" + APP + "-svc-"))
                .filteredOn(l -> l.startsWith("ready:")).hasSize(2);

        // The container restarts on its own (as after a crash): its published port may change, the route follows.
        Container running = containers().get(0);
        docker.stopContainerCmd(running.getId()).withTimeout(1).exec();
        docker.startContainerCmd(running.getId()).exec();
        farm.bean(MicroserviceLifecycle.class).observePeriodically();

        int port = docker.inspectContainerCmd(running.getId()).exec().getNetworkSettings().getPorts().getBindings()
                .values().iterator().next()[0].getHostPortSpec().transform(Integer::parseInt);
        assertThat(routeTarget()).isEqualTo(URI.create("http://127.0.0.1:" + port));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> fetch(routeTarget() + "/").body().equals("observed"));
    }
}
