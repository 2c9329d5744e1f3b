package dev.skyport.buildfarm.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.BuildFarmApplication;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real build farm in this JVM on a random port, against a private Redis, the dev-services registry
 * and Docker Engine, with its own artifact directory and admin token. It can be restarted (same Redis,
 * same directory), as a crash and a new start would. {@link #startInMemory} runs it with the in-memory
 * driver instead of the Engine: the fast test layer.
 */
public final class TestBuildFarm implements AutoCloseable {

    private final Map<String, Object> properties;
    private final RedisServerProcess redis;
    private final Path home;
    private final String adminToken = FarmSettings.newAdminToken();
    /** Networks of this farm alone, removed by {@link #close()}: tests leave no networks on the shared Engine. */
    private final List<String> ownNetworks;
    private ConfigurableApplicationContext context;

    private TestBuildFarm(Map<String, Object> overrides, boolean engine) {
        this.redis = RedisServerProcess.start();
        this.home = FarmSettings.newHome();
        Map<String, Object> p = FarmSettings.defaults(redis, home, adminToken);
        p.put("server.port", "0");
        p.put("management.server.port", "0");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        if (engine) {
            p.put("skyport.build-farm.docker.network", "skyport-apps-test-" + suffix);
            p.put("skyport.build-farm.docker.build-network", "skyport-build-test-" + suffix);
        } else {
            p.put("skyport.build-farm.runtime.driver", InMemoryDriver.NAME);
            // The OpenAPI document is built on its first request instead of at every start (seconds of CPU on
            // a small machine); no fast test asks for it, AuthTest checks it on an Engine-backed farm.
            p.put("springdoc.pre-loading-enabled", "false");
        }
        // A test's overrides may name another driver (e.g. kubernetes); they are added below.
        p.put("skyport.build-farm.runtime.readiness-timeout", "30s");
        p.put("skyport.build-farm.routes.public-url", "http://127.0.0.1:8080");
        p.putAll(overrides);
        this.properties = p;
        this.ownNetworks = !engine ? List.of() : List.of(String.valueOf(p.get("skyport.build-farm.docker.network")),
                        String.valueOf(p.get("skyport.build-farm.docker.build-network"))).stream()
                .filter(name -> name.endsWith("-test-" + suffix)).toList();
    }

    public static TestBuildFarm start() {
        return start(Map.of());
    }

    /** Starts with these properties on top of the test defaults. */
    public static TestBuildFarm start(Map<String, Object> overrides) {
        return started(new TestBuildFarm(overrides, true));
    }

    /** With the in-memory driver: real Redis and registry, no Docker Engine. */
    public static TestBuildFarm startInMemory(Map<String, Object> overrides) {
        return started(new TestBuildFarm(overrides, false));
    }

    /** With the Kubernetes driver against a mock API server: real Redis and registry, no Docker Engine. */
    public static TestBuildFarm startKubernetes(String apiServer, Map<String, Object> overrides) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("skyport.build-farm.runtime.driver", "kubernetes");
        settings.put("skyport.build-farm.kubernetes.api-server", apiServer);
        settings.put("skyport.build-farm.build-context.public-url", "http://skyport-build-farm.skyport.svc:8090");
        settings.putAll(overrides);
        return started(new TestBuildFarm(settings, false));
    }

    /** Starts the application; a start-up that fails (a preflight or settings test) leaves no redis-server. */
    private static TestBuildFarm started(TestBuildFarm farm) {
        try {
            farm.startContext();
        } catch (RuntimeException e) {
            farm.close();
            throw e;
        }
        return farm;
    }

    /** The in-memory driver of a farm started by {@link #startInMemory}. */
    public InMemoryDriver driver() {
        return bean(InMemoryDriver.class);
    }

    private void startContext() {
        // As arguments: they win over application.yml, as they do for the jar.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(BuildFarmApplication.class, OwnNettyResources.class).run(args);
    }

    /** Stops the application (leaving Redis, containers and files as they are) and starts it again. */
    public void restart() {
        stopApplication();
        startContext();
    }

    /** As {@link #restart()}, starting again with these properties changed (they stay for later restarts). */
    public void restart(Map<String, Object> changed) {
        stopApplication();
        properties.putAll(changed);
        startContext();
    }

    public void stopApplication() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public boolean running() {
        return context != null && context.isActive();
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Health and metrics live here, not on the API port. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public String adminToken() {
        return adminToken;
    }

    public BuildFarmClient client() {
        return new BuildFarmClient(baseUri(), adminToken);
    }

    public BuildFarmClient client(String token) {
        return new BuildFarmClient(baseUri(), token);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String redisUri() {
        return redis.uri();
    }

    /** The network this farm's instances join. */
    public String appsNetwork() {
        return String.valueOf(properties.get("skyport.build-farm.docker.network"));
    }

    /** The network this farm's builds run on. */
    public String buildNetwork() {
        return String.valueOf(properties.get("skyport.build-farm.docker.build-network"));
    }

    /** The app's routes as the gateway reads them: {@code skyport:routes:<app>}, prefix → decoded record. */
    public Map<String, RouteRecord> routes(String app) {
        RouteCodec codec = new RouteCodec();
        Map<String, RouteRecord> routes = new TreeMap<>();
        bean(StringRedisTemplate.class).opsForHash().entries(RedisKeys.routes(app))
                .forEach((prefix, value) -> routes.put(prefix.toString(), codec.decode(value.toString())));
        return routes;
    }

    /** Whether Redis holds this key (a record, a log stream). */
    public boolean hasKey(String key) {
        return Boolean.TRUE.equals(bean(StringRedisTemplate.class).hasKey(key));
    }

    /** The private redis-server, which a test may stop and start to make Redis go away. */
    public RedisServerProcess redis() {
        return redis;
    }

    public Path artifactsDirectory() {
        return home.resolve("artifacts");
    }

    @Override
    public void close() {
        stopApplication();
        redis.close();
        removeOwnNetworks();
    }

    private void removeOwnNetworks() {
        if (ownNetworks.isEmpty()) {
            return;
        }
        URI engine = URI.create(DevServices.get().dockerHost());
        try (DockerClient docker = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(engine.toString()).build(), new ApacheDockerHttpClient.Builder().dockerHost(engine).build())) {
            for (String network : ownNetworks) {
                try {
                    docker.removeNetworkCmd(network).exec();
                } catch (NotFoundException neverCreated) {
                    // no build or instance needed it
                } catch (RuntimeException stillInUse) {
                    System.err.println("TestBuildFarm: cannot remove network " + network + ": " + stillInUse.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
