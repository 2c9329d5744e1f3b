package dev.skyport.e2e.support;

import dev.skyport.testing.DevServices;
import dev.skyport.testing.FreePorts;
import dev.skyport.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The whole platform on this machine, as {@code bin/skyport up} runs it: the template catalog, the build
 * farm (Docker Engine driver) and the gateway from their packaged jars, on free 127.0.0.1 ports, with the
 * dev-services registry and Docker Engine and a Redis of its own (so no other test's records meet the
 * build farm's reconciliation). One instance serves every end-to-end test class of the JVM;
 * {@link #startKubernetes} starts another, whose build farm runs the Kubernetes driver.
 */
public final class Platform implements AutoCloseable {

    private static Platform shared;

    private final Path work;
    private final RedisServerProcess redis;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redisConnection;
    private final String adminToken;
    private final int gatewayPort = FreePorts.next();
    private final int buildFarmPort;
    private final int buildFarmManagementPort;
    private final ServiceProcess catalog;
    private final ServiceProcess buildFarm;
    private final ServiceProcess gateway;

    private Platform(String name, List<String> driverArguments) throws IOException {
        DevServices services = DevServices.get();
        work = Files.createDirectories(Path.of(System.getProperty("skyport.e2e.work", "target/e2e"))
                .resolveSibling(name));
        redis = RedisServerProcess.start();
        redisClient = RedisClient.create(redis.uri());
        redisConnection = redisClient.connect();
        adminToken = "sk_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Path tokenFile = work.resolve("admin-token");
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, adminToken + "\n");
        Path logs = work.resolve("logs");

        int catalogPort = FreePorts.next();
        catalog = new ServiceProcess("template-catalog", jar("skyport.catalog.jar"), List.of(
                "--server.port=" + catalogPort, "--server.address=127.0.0.1"),
                URI.create("http://127.0.0.1:" + catalogPort + "/actuator/health/readiness"), logs);

        buildFarmPort = FreePorts.next();
        buildFarmManagementPort = FreePorts.next();
        List<String> buildFarmArguments = new java.util.ArrayList<>(List.of(
                "--server.port=" + buildFarmPort, "--server.address=127.0.0.1",
                "--management.server.port=" + buildFarmManagementPort, "--management.server.address=127.0.0.1",
                "--spring.data.redis.url=" + redis.uri(),
                "--skyport.build-farm.registry.address=" + services.registry(),
                "--skyport.build-farm.registry.credentials-directory=" + services.registryCredentials(),
                "--skyport.build-farm.auth.admin-token-file=" + tokenFile,
                "--skyport.build-farm.routes.public-url=" + gateway(),
                "--skyport.build-farm.artifacts.directory=" + artifactsDirectory(),
                "--skyport.build-farm.runtime.drain-delay=1s"));
        buildFarmArguments.addAll(driverArguments);
        buildFarm = new ServiceProcess("build-farm", jar("skyport.build-farm.jar"), buildFarmArguments,
                URI.create("http://127.0.0.1:" + buildFarmManagementPort + "/actuator/health/readiness"), logs);

        int managementPort = FreePorts.next();
        gateway = new ServiceProcess("gateway", jar("skyport.gateway.jar"), List.of(
                "--server.port=" + gatewayPort, "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                "--spring.data.redis.url=" + redis.uri(),
                "--skyport.gateway.apps-domain=localhost",
                "--skyport.gateway.platform.controller-uri=http://127.0.0.1:" + buildFarmPort,
                "--skyport.gateway.platform.templates-uri=http://127.0.0.1:" + catalogPort),
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"), logs);
    }

    public static synchronized Platform get() {
        if (shared == null) {
            try {
                Platform platform = new Platform(new File(System.getProperty("skyport.e2e.work", "target/e2e"))
                        .getName(), List.of("--skyport.build-farm.docker.host=" + DevServices.get().dockerHost()));
                Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "platform-shutdown"));
                platform.startAll();
                shared = platform;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * A platform of its own whose build farm runs the Kubernetes driver against {@code apiServer}; the
     * caller closes it.
     */
    public static Platform startKubernetes(String apiServer, String buildContextUrl) {
        try {
            Platform platform = new Platform("e2e-kubernetes", List.of(
                    "--skyport.build-farm.runtime.driver=kubernetes",
                    "--skyport.build-farm.kubernetes.api-server=" + apiServer,
                    "--skyport.build-farm.build-context.public-url=" + buildContextUrl));
            platform.startAll();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAll() {
        catalog.start();
        buildFarm.start();
        gateway.start();
    }

    /** The build farm's API port, reached directly rather than through the gateway. */
    public URI buildFarm() {
        return URI.create("http://127.0.0.1:" + buildFarmPort);
    }

    /** The build farm's health and metrics port. */
    public URI buildFarmManagement() {
        return URI.create("http://127.0.0.1:" + buildFarmManagementPort);
    }

    /** The gateway's base URL: the endpoint skycli logs in to. */
    public URI gateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    public String adminToken() {
        return adminToken;
    }

    public Path artifactsDirectory() {
        return work.resolve("artifacts");
    }

    public Path work() {
        return work;
    }

    public RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }

    public Skycli skycli() {
        return new Skycli(Path.of(System.getProperty("skyport.skycli.jar")), work.resolve("skycli-home"), gateway(),
                adminToken);
    }

    public GatewayClient http() {
        return new GatewayClient(gateway(), adminToken);
    }

    /** Kills the build farm (SIGKILL, as a crash or an evicted pod) and starts it again. */
    public void crashAndRestartBuildFarm() {
        buildFarm.kill();
        buildFarm.start();
    }

    @Override
    public void close() {
        for (ServiceProcess service : List.of(gateway, buildFarm, catalog)) {
            service.close();
        }
        redisConnection.close();
        redisClient.shutdown();
        redis.close();
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return Path.of(path);
    }
}
