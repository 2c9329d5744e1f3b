package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.BuildFarmClient.SseEvent;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.testing.DevServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The life of one microservice on the real Docker Engine, registry and Redis, step by step: deploy,
 * logs, redeploy without a failed request, a failed build and a never-ready image that both leave the
 * previous version serving, stop, start, delete leaving nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("engine")
class DeployLifecycleTest {

    private static final String APP = "life" + UUID.randomUUID().toString().substring(0, 6);
    private static final String NAME = "hello";

    private static TestBuildFarm farm;
    private static BuildFarmClient api;
    private static StringRedisTemplate redis;
    private static RedisClient pubSubClient;
    private static StatefulRedisPubSubConnection<String, String> pubSub;
    private static final List<String> announcements = new CopyOnWriteArrayList<>();
    private static String first;
    private static String second;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start(Map.of("skyport.build-farm.runtime.readiness-timeout", "8s"));
        api = farm.client();
        redis = farm.bean(StringRedisTemplate.class);
        pubSubClient = RedisClient.create(farm.redisUri());
        pubSub = pubSubClient.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                announcements.add(channel + " " + message);
            }
        });
        pubSub.sync().subscribe(RedisKeys.ROUTES_CHANGED);
    }

    @AfterAll
    static void stop() {
        try {
            api.delete("/v1/apps/" + APP + "/microservices/" + NAME);
        } finally {
            pubSub.close();
            pubSubClient.shutdown();
            farm.close();
        }
    }

    private static RouteRecord route() {
        Object value = redis.opsForHash().get(RedisKeys.routes(APP), "/hello");
        return value == null ? null : new RouteCodec().decode(value.toString());
    }

    private static String answer() throws Exception {
        return fetch(route().target() + "/").body();
    }

    @Test
    @Order(1)
    void aDeployBuildsPushesRunsAndPublishesTheRoute() throws Exception {
        first = api.deploy(APP, NAME, ServiceArchives.httpd("hello v1", 8080), item("/hello/", 8080));

        JsonNode deployment = api.awaitDeployment(APP, first, Duration.ofMinutes(2), "running");

        assertThat(deployment.get("image").asString()).startsWith("127.0.0.1:15000/" + APP + "/hello@sha256:");
        String digest = deployment.get("image").asString().substring(deployment.get("image").asString().indexOf('@') + 1);
        RegistryClient registry = RegistryClient.plainHttp(DevServices.get().registry(),
                CredentialsDirectory.load(DevServices.get().registryCredentials()));
        assertThat(registry.manifestDigest(APP + "/hello", first)).contains(digest);

        RouteRecord route = route();
        assertThat(route.service()).isEqualTo(NAME);
        assertThat(route.deploymentId()).isEqualTo(first);
        assertThat(route.target().getHost()).isEqualTo("127.0.0.1");
        assertThat(answer()).isEqualTo("hello v1");
        await().atMost(Duration.ofSeconds(5)).until(() -> announcements.contains(RedisKeys.ROUTES_CHANGED + " " + APP));

        JsonNode microservice = api.microservice(APP, NAME);
        assertThat(microservice.get("status").asString()).isEqualTo("running");
        assertThat(microservice.get("currentDeployment").asString()).isEqualTo(first);
        assertThat(microservice.get("image").asString()).isEqualTo(deployment.get("image").asString());
        assertThat(microservice.get("route").get("path").asString()).isEqualTo("/hello");
        assertThat(microservice.get("route").get("url").asString()).isEqualTo("http://127.0.0.1:8080/hello/");
        assertThat(microservice.get("route").get("target").asString()).isEqualTo(route.target().toString());
        assertThat(api.get("/v1/apps/" + APP + "/microservices").body().get("microservices")).hasSize(1);
    }

    @Test
    @Order(2)
    void theLogHoldsBuildLinesAndStatusEventsAndResumesAfterLastEventId() {
        List<SseEvent> events = api.logEvents(APP, first, true, null);

        assertThat(events).extracting(SseEvent::data).anyMatch(d -> d.startsWith("Step 1/3 : FROM busybox:1.36"));
        assertThat(events).extracting(SseEvent::data).anyMatch(d -> d.startsWith("waiting for TCP on port 8080"));
        assertThat(events).extracting(SseEvent::data).anyMatch(d -> d.startsWith("ready: TCP on port 8080"));
        List<String> statuses = events.stream().filter(e -> "status".equals(e.event()))
                .map(e -> BuildFarmClient.JSON.readTree(e.data()).get("status").asString()).toList();
        assertThat(statuses).containsExactly("queued", "building", "built", "running");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("status");
        assertThat(events).allMatch(e -> e.id() != null);

        SseEvent third = events.get(2);
        List<SseEvent> resumed = api.logEvents(APP, first, true, third.id());
        assertThat(resumed).isEqualTo(events.subList(3, events.size()));

        List<SseEvent> afterTheEnd = api.logEvents(APP, first, true, events.get(events.size() - 1).id());
        assertThat(afterTheEnd).isEmpty();
    }

    @Test
    @Order(3)
    void aRedeployKeepsTheOldVersionServingUntilTheNewOneIsReadyThenSwitches() throws Exception {
        RouteRecord before = route();
        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<String> answers = new CopyOnWriteArrayList<>();
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                try {
                    HttpResponse<String> response = fetch(route().target() + "/");
                    if (response.statusCode() == 200) {
                        answers.add(response.body());
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        });
        prober.start();
        // v2 takes two seconds before it listens: v1 must carry every request meanwhile.
        byte[] slowV2 = TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nCOPY index.html /var/www/index.html\n"
                        + "CMD [\"sh\", \"-c\", \"sleep 2; exec httpd -f -p 8080 -h /var/www\"]\n")
                .file("index.html", "hello v2").bytes();
        second = api.deploy(APP, NAME, slowV2, item("/hello", 8080));
        api.awaitDeployment(APP, second, Duration.ofMinutes(2), "running");
        await().atMost(Duration.ofSeconds(5)).until(() -> answers.contains("hello v2"));
        probing.set(false);
        prober.join();

        assertThat(failures.get()).as("requests failed during the switch").isZero();
        assertThat(answers).contains("hello v1");
        assertThat(answers.subList(answers.indexOf("hello v2"), answers.size())).containsOnly("hello v2");
        assertThat(route().deploymentId()).isEqualTo(second);
        assertThat(route().target()).isNotEqualTo(before.target());
        assertThat(api.deployment(APP, first).get("status").asString()).isEqualTo("superseded");
        assertThat(api.deployment(APP, first).get("message").asString()).contains(second);
        await().atMost(Duration.ofSeconds(15)).until(() -> containers(first).isEmpty());
        assertThat(containers(second)).hasSize(1);
    }

    @Test
    @Order(4)
    void aFailedBuildShowsTheFailingLineAndLeavesThePreviousVersionServing() throws Exception {
        String failing = api.deploy(APP, NAME, ServiceArchives.failingBuild("v3"), item("/hello", 8080));

        JsonNode deployment = api.awaitDeployment(APP, failing, Duration.ofMinutes(2), "build_failed");

        assertThat(deployment.get("message").asString()).contains("RUN echo about to fail && exit 3")
                .contains("returned a non-zero code: 3");
        assertThat(api.logLines(APP, failing)).contains("about to fail")
                .anyMatch(l -> l.contains("Step 3/3 : RUN echo about to fail && exit 3"));
        JsonNode microservice = api.microservice(APP, NAME);
        assertThat(microservice.get("status").asString()).isEqualTo("build_failed");
        assertThat(microservice.get("currentDeployment").asString()).isEqualTo(second);
        assertThat(microservice.get("latestDeployment").asString()).isEqualTo(failing);
        assertThat(microservice.get("message").asString()).contains("still serving " + second);
        assertThat(route().deploymentId()).isEqualTo(second);
        assertThat(answer()).isEqualTo("hello v2");
        assertThat(api.logEvents(APP, failing, true, null).get(0).event()).isEqualTo("status");

        // The images of the steps that passed ("RUN echo building v3") are not left behind.
        List<String> stepImages = api.logLines(APP, failing).stream().filter(l -> l.matches("\\s*---> [0-9a-f]{12}"))
                .map(l -> l.strip().substring(5)).toList();
        assertThat(stepImages).hasSize(2);
        DockerClient docker = farm.bean(DockerClient.class);
        assertThat(docker.inspectImageCmd(stepImages.get(0)).exec().getRepoTags()).contains(BaseImages.BUSYBOX);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(docker.listImagesCmd().withShowAll(true)
                .exec()).noneMatch(i -> i.getId().startsWith("sha256:" + stepImages.get(1))));
    }

    @Test
    @Order(5)
    void anImageThatNeverGetsReadyIsDeployFailedWithItsLastLogLines() throws Exception {
        String never = api.deploy(APP, NAME, ServiceArchives.neverReady("v4"), item("/hello", 8080));

        JsonNode deployment = api.awaitDeployment(APP, never, Duration.ofMinutes(2), "deploy_failed");

        assertThat(deployment.get("message").asString()).contains("did not become ready within 8 s");
        assertThat(api.logLines(APP, never)).anyMatch(l -> l.contains("booting v4"))
                .anyMatch(l -> l.contains("cannot open the database"))
                .anyMatch(l -> l.startsWith("still waiting"));
        assertThat(api.microservice(APP, NAME).get("status").asString()).isEqualTo("deploy_failed");
        assertThat(route().deploymentId()).isEqualTo(second);
        assertThat(answer()).isEqualTo("hello v2");
        assertThat(containers(never)).isEmpty();
    }

    @Test
    @Order(6)
    void stopRemovesTheRouteAndStopsTheInstanceAndStartBringsItBack() throws Exception {
        BuildFarmClient.Response stopped = api.post("/v1/apps/" + APP + "/microservices/" + NAME + "/stop", Map.of());

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(route()).isNull();
        assertThat(stopped.body().get("microservice").get("status").asString()).isEqualTo("stopped");
        assertThat(stopped.body().get("microservice").get("route").isNull()).isTrue();
        assertThat(containers(second)).singleElement().satisfies(c -> assertThat(c.getState()).isNotEqualTo("running"));
        assertThat(api.deployment(APP, second).get("status").asString()).isEqualTo("stopped");

        BuildFarmClient.Response started = api.post("/v1/apps/" + APP + "/microservices/" + NAME + "/start", Map.of());

        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        assertThat(started.body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(route().deploymentId()).isEqualTo(second);
        assertThat(answer()).isEqualTo("hello v2");
        assertThat(api.deployment(APP, second).get("status").asString()).isEqualTo("running");
    }

    @Test
    @Order(7)
    void deleteLeavesNothingInRedisDockerOrTheRegistry() {
        List<String> ids = List.of(first, second);

        assertThat(api.delete("/v1/apps/" + APP + "/microservices/" + NAME).status()).isEqualTo(204);

        assertThat(redis.keys("skyport:*")).allMatch(k -> k.equals("skyport:tokens"));
        assertThat(containersOfApp()).isEmpty();
        DockerClient docker = farm.bean(DockerClient.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(docker.listImagesCmd()
                .withReferenceFilter("127.0.0.1:15000/" + APP + "/*").exec()).isEmpty());
        RegistryClient registry = RegistryClient.plainHttp(DevServices.get().registry(),
                CredentialsDirectory.load(DevServices.get().registryCredentials()));
        assertThat(registry.tags(APP + "/hello")).isEmpty();
        assertThat(api.get("/v1/apps/" + APP + "/microservices/" + NAME).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps/" + APP + "/deployments/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(api.delete("/v1/apps/" + APP + "/microservices/" + NAME).status()).isEqualTo(404);
    }

    private static List<Container> containers(String deploymentId) {
        return farm.bean(DockerClient.class).listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("skyport.dev/deployment", deploymentId)).exec();
    }

    private static List<Container> containersOfApp() {
        return farm.bean(DockerClient.class).listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("skyport.dev/app", APP)).exec();
    }
}
