package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.skyport.e2e.support.DockerState;
import dev.skyport.testing.FreePorts;
import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/skyport} as a newcomer runs it: {@code demo} brings the platform up, deploys
 * {@code examples/hello} and prints its answer through the gateway; {@code status} reports it;
 * {@code down --all} stops it. It gets a home of its own (its own Redis, registry, credentials, admin
 * token and skycli login), free ports and a Docker Engine of its own with an empty data root, so the
 * base image has to be made from nothing, as on a fresh machine.
 */
class SkyportScriptIT {

    private static final Path ROOT = RepositoryRoot.find();
    private static final Path SKYPORT = ROOT.resolve("bin/skyport");

    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private int gatewayPort;
    private int managementPort;

    @BeforeEach
    void privateHome() throws IOException {
        home = Files.createTempDirectory("skyport-script");
        gatewayPort = FreePorts.next();
        managementPort = FreePorts.next();
        env.put("HOME", home.toString());
        env.put("SKYPORT_HOME", home.resolve(".skyport").toString());
        env.put("SKYPORT_REDIS_PORT", String.valueOf(FreePorts.next()));
        env.put("SKYPORT_REGISTRY_PORT", String.valueOf(FreePorts.next()));
        env.put("SKYPORT_DOCKER", "private");
        env.put("SKYPORT_GATEWAY_PORT", String.valueOf(gatewayPort));
        env.put("SKYPORT_GATEWAY_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("SKYPORT_CATALOG_PORT", String.valueOf(FreePorts.next()));
        env.put("SKYPORT_BUILD_FARM_PORT", String.valueOf(FreePorts.next()));
    }

    @AfterEach
    void stopEverything() throws IOException {
        try {
            run(ROOT.resolve("examples/hello"), ROOT.resolve("bin/skycli").toString(), "app", "delete", "hello", "--yes");
        } finally {
            run(ROOT, SKYPORT.toString(), "down", "--all");
            deleteTree(home);
        }
    }

    @Test
    void demoDeploysTheExampleStatusReportsItAndDownStopsEverything() throws Exception {
        Result demo = run(ROOT, SKYPORT.toString(), "demo");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).as(demo.toString()).contains("Hello from Skyport!");
        assertThat(demo.stderr()).as("the empty Engine got its base image from Debian's busybox")
                .contains("made busybox:1.36 from");
        assertThat(demo.stderr()).contains("http://127.0.0.1:" + gatewayPort + "/hello");
        HttpResponse<String> direct = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/hello/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).contains("Hello from Skyport!");
        assertThat(Files.readString(home.resolve(".skyport/config"))).contains("127.0.0.1:" + gatewayPort);

        Result status = run(ROOT, SKYPORT.toString(), "status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).containsPattern("gateway +up").containsPattern("build-farm +up")
                .containsPattern("template-catalog +up");

        Result skycliStatus = run(ROOT.resolve("examples/hello"), ROOT.resolve("bin/skycli").toString(),
                "app", "status", "hello");
        assertThat(skycliStatus.exitCode()).as(skycliStatus.toString()).isZero();
        assertThat(skycliStatus.stdout()).contains("running");

        Result delete = run(ROOT.resolve("examples/hello"), ROOT.resolve("bin/skycli").toString(),
                "app", "delete", "hello", "--yes");
        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(containersFromThisRegistry()).isEmpty();

        Result down = run(ROOT, SKYPORT.toString(), "down", "--all");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        Result after = run(ROOT, SKYPORT.toString(), "status");
        assertThat(after.exitCode()).isNotZero();
        assertThat(after.stdout()).containsPattern("gateway +down").containsPattern("redis +down");
        assertThat(listening(gatewayPort)).isFalse();
        assertThat(listening(managementPort)).isFalse();
    }

    /** The example's containers on this test's own Engine. */
    private List<String> containersFromThisRegistry() {
        try (DockerState docker = new DockerState(privateEngine())) {
            return docker.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("skyport.dev/app", "demo", "skyport.dev/microservice", "hello")).exec()
                    .stream().map(Container::getImage)
                    .toList();
        }
    }

    private String privateEngine() {
        return "unix://" + home.resolve(".skyport/docker/docker.sock");
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Result run(Path directory, String... command) throws IOException {
        Path out = Files.createTempFile("skyport", ".out");
        Path err = Files.createTempFile("skyport", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            builder.environment().remove("DOCKER_HOST");
            builder.environment().remove("SKYPORT_ENDPOINT");
            builder.environment().remove("SKYPORT_TOKEN");
            Process process = builder.start();
            if (!process.waitFor(6, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 6 minutes:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
