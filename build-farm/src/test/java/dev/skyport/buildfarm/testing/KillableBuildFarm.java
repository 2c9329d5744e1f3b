package dev.skyport.buildfarm.testing;

import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.BuildFarmApplication;
import dev.skyport.testing.FreePorts;
import dev.skyport.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real build farm in a child JVM, so that {@link #kill()} is a real {@code kill -9}: no shutdown hook,
 * no bean is destroyed, no thread is interrupted, whatever it was doing simply stops (unlike
 * {@link TestBuildFarm#restart()}, which closes the application context). Same private Redis, artifact
 * directory and ports across kills, as a crashed process that is started again.
 */
public final class KillableBuildFarm implements AutoCloseable {

    private final RedisServerProcess redis;
    private final Path home;
    private final int port = FreePorts.next();
    private final int managementPort = FreePorts.next();
    private final String adminToken = FarmSettings.newAdminToken();
    private final List<String> arguments = new ArrayList<>();
    private int starts;
    private Process process;

    private KillableBuildFarm(Map<String, Object> overrides) {
        this.redis = RedisServerProcess.start();
        this.home = FarmSettings.newHome();
        Map<String, Object> p = FarmSettings.defaults(redis, home, adminToken);
        p.put("server.port", port);
        p.put("management.server.port", managementPort);
        p.put("skyport.build-farm.runtime.readiness-timeout", "60s");
        p.putAll(overrides);
        p.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    }

    public static KillableBuildFarm start(Map<String, Object> overrides) {
        KillableBuildFarm farm = new KillableBuildFarm(overrides);
        farm.startProcess();
        return farm;
    }

    /** Starts the build farm (again) and waits until its API answers. */
    public void startProcess() {
        // Surefire names the real test class path here; java.class.path may be its manifest-only jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classPath, BuildFarmApplication.class.getName()));
        command.addAll(arguments);
        starts++;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("build-farm-" + starts + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the build farm exited with " + process.exitValue() + "; see "
                        + home.resolve("build-farm-" + starts + ".log"));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** SIGKILL: the process ends where it is. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the build farm did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public BuildFarmClient client() {
        return new BuildFarmClient(URI.create("http://127.0.0.1:" + port), adminToken);
    }

    public String adminToken() {
        return adminToken;
    }

    public int port() {
        return port;
    }

    public Path artifactsDirectory() {
        return home.resolve("artifacts");
    }

    public RedisServerProcess redis() {
        return redis;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        redis.close();
    }
}
