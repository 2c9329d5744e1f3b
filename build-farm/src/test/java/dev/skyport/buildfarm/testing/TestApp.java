package dev.skyport.buildfarm.testing;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.lifecycle.MicroserviceLifecycle;
import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.testing.BuildFarmClient.Response;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import dev.skyport.buildfarm.testing.memory.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * One app of a test on an in-memory build farm, under a name no other test uses: deploys through the
 * HTTP API, waits for statuses, reads routes and the driver's record of calls. {@link #close()} deletes
 * every microservice the app still has, so a shared farm is left as the test found it.
 */
public final class TestApp implements AutoCloseable {

    /** Far above what any in-memory step takes; only a hang reaches it. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);

    private final TestBuildFarm farm;
    private final String name;
    private final AtomicInteger versions = new AtomicInteger();

    private TestApp(TestBuildFarm farm, String name) {
        this.farm = farm;
        this.name = name;
    }

    /** An app named {@code <prefix>-<random>}: a DNS label of its own. */
    public static TestApp on(TestBuildFarm farm, String prefix) {
        return new TestApp(farm, prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
    }

    public String name() {
        return name;
    }

    public TestBuildFarm farm() {
        return farm;
    }

    public BuildFarmClient api() {
        return farm.client();
    }

    public InMemoryDriver driver() {
        return farm.driver();
    }

    public MicroserviceKey key(String microservice) {
        return new MicroserviceKey(name, microservice);
    }

    /** What the in-memory driver does for this microservice. */
    public Script script(String microservice) {
        return driver().script(key(microservice));
    }

    /** Deploys a new version (an archive of its own) at {@code /<microservice>}; returns the deployment id. */
    public String deploy(String microservice) {
        return deploy(microservice, "/" + microservice);
    }

    public String deploy(String microservice, String path) {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM scratch\n")
                .file("version", microservice + "-" + versions.incrementAndGet()).bytes();
        return api().deploy(name, microservice, archive, item(path, 8080));
    }

    public JsonNode deployment(String id) {
        return api().deployment(name, id);
    }

    public JsonNode microservice(String microservice) {
        return api().microservice(name, microservice);
    }

    public String status(String deploymentId) {
        return deployment(deploymentId).get("status").asString();
    }

    /** Waits until the deployment is in one of the statuses (and fails at once if it ends in another). */
    public JsonNode awaitDeployment(String id, String... statuses) {
        return api().awaitDeployment(name, id, PATIENCE, statuses);
    }

    /** Waits until the deployment is in this status, whatever it passes on the way. */
    public JsonNode awaitDeploymentReaches(String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(POLL).alias("deployment " + id + " is " + status)
                .until(() -> status.equals((last[0] = deployment(id)).get("status").asString()));
        return last[0];
    }

    public JsonNode awaitMicroservice(String microservice, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(POLL).alias(name + "/" + microservice + " is " + status)
                .until(() -> status.equals((last[0] = microservice(microservice)).get("status").asString()));
        return last[0];
    }

    /** Deploys and waits until the version runs. */
    public String deployRunning(String microservice) {
        String id = deploy(microservice);
        awaitDeployment(id, "running");
        awaitMicroservice(microservice, "running");
        return id;
    }

    public Response stop(String microservice) {
        return api().post("/v1/apps/" + name + "/microservices/" + microservice + "/stop", Map.of());
    }

    public Response start(String microservice) {
        return api().post("/v1/apps/" + name + "/microservices/" + microservice + "/start", Map.of());
    }

    public Response delete(String microservice) {
        return api().delete("/v1/apps/" + name + "/microservices/" + microservice);
    }

    /** The route the gateway would read for this prefix, if any. */
    public Optional<RouteRecord> route(String path) {
        return Optional.ofNullable(routes().get(path));
    }

    /** {@code skyport:routes:<app>}, decoded. */
    public Map<String, RouteRecord> routes() {
        return farm.routes(name);
    }

    /** Whether the deployment's log stream exists in Redis. */
    public boolean hasLog(String deploymentId) {
        return farm.hasKey(BuildFarmKeys.logs(deploymentId));
    }

    /** The statuses the deployment's log reports, in order (its {@code status} events). */
    public List<String> loggedStatuses(String deploymentId) {
        List<String> statuses = new ArrayList<>();
        for (BuildFarmClient.SseEvent event : api().logEvents(name, deploymentId, false, null)) {
            if ("status".equals(event.event())) {
                statuses.add(BuildFarmClient.JSON.readTree(event.data()).get("status").asString());
            }
        }
        return statuses;
    }

    public List<String> logLines(String deploymentId) {
        return api().logLines(name, deploymentId);
    }

    /** The driver calls the lifecycle made about this microservice, in order. */
    public List<InMemoryDriver.Recorded> calls(String microservice) {
        return driver().calls(key(microservice));
    }

    public List<InMemoryDriver.Recorded> calls(String microservice, Call call) {
        return calls(microservice).stream().filter(c -> c.call() == call).toList();
    }

    public List<InMemoryDriver.Instance> instances(String microservice) {
        return driver().instances(key(microservice));
    }

    /**
     * Runs the periodic observation now (it is every hour in tests), once no worker owns a microservice of
     * the app: the observation leaves alone what a worker still owns (a worker ends just after its last
     * status change), and a test that looked too early would wait for nothing.
     */
    public void observe() {
        await().atMost(PATIENCE).pollInterval(POLL).until(() -> microserviceNames().stream().noneMatch(this::busy));
        farm.bean(MicroserviceLifecycle.class).observePeriodically();
    }

    /** Whether a worker builds or starts something of the microservice right now. */
    public boolean busy(String microservice) {
        return farm.bean(MicroserviceLifecycle.class).busy(key(microservice));
    }

    /** Deletes what the app still has (a hanging build is cancelled by it). */
    @Override
    public void close() {
        if (!farm.running()) {
            return;
        }
        microserviceNames().forEach(this::delete);
    }

    /** The names of the app's microservices, from the API. */
    public Set<String> microserviceNames() {
        JsonNode list = api().get("/v1/apps/" + name + "/microservices").body();
        Set<String> names = new TreeSet<>();
        if (list != null && list.get("microservices") != null) {
            list.get("microservices").forEach(m -> names.add(m.get("name").asString()));
        }
        return names;
    }
}
