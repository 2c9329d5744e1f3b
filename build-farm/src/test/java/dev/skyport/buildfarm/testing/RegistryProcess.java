package dev.skyport.buildfarm.testing;

import static org.awaitility.Awaitility.await;

import dev.skyport.testing.DevServices;
import dev.skyport.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private registry ({@code docker-registry}, as dev-services runs it, with the same htpasswd) on a free
 * loopback port, for tests that take the registry away. The shared one on 15000 is never touched. The
 * Docker Engine treats every 127.0.0.0/8 registry as plain HTTP, so no daemon flag is needed.
 */
public final class RegistryProcess implements AutoCloseable {

    private final int port = FreePorts.next();
    private final Path dir;
    private Process process;

    private RegistryProcess() {
        try {
            dir = Files.createTempDirectory("skyport-registry");
            Path htpasswd = DevServices.get().registryCredentials().resolve("htpasswd");
            Files.writeString(dir.resolve("config.yml"), """
                    version: 0.1
                    log:
                      level: warn
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: true
                    http:
                      addr: 127.0.0.1:%d
                      secret: %s
                    auth:
                      htpasswd:
                        realm: skyport-registry
                        path: %s
                    """.formatted(dir.resolve("data"), port, UUID.randomUUID(), htpasswd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegistryProcess start() {
        RegistryProcess registry = new RegistryProcess();
        registry.startProcess();
        return registry;
    }

    /** {@code 127.0.0.1:<port>}, as image names carry it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public synchronized void startProcess() {
        try {
            process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start docker-registry (run scripts/dev-services up)", e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 401);
    }

    public synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stopProcess();
    }
}
