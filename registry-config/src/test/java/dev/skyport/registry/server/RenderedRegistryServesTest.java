package dev.skyport.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.registry.client.PingResult;
import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.client.TestImagePusher;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.registry.htpasswd.Htpasswd;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real registry binary ({@code docker-registry}, installed by dev-services) started with a
 * {@code config.yml} and an htpasswd file both rendered here: it must accept them and enforce them.
 */
class RenderedRegistryServesTest {

    @TempDir
    Path dir;

    @Test
    void aRegistryStartedFromTheRenderedConfigAcceptsOnlyTheGeneratedCredentials() throws Exception {
        DevServices.get(); // installs docker-registry when missing
        RegistryCredentials credentials = new RegistryCredentials("skyport", "generated-Pa55:word");
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, new Htpasswd(5).line(credentials));
        int port = FreePorts.next();
        RegistryServerConfig config = new RegistryServerConfig("127.0.0.1:" + port, "test-secret", "test-realm",
                htpasswd.toString(), new FilesystemStorage(dir.resolve("data").toString()), true, "warn");
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, RegistryConfigYaml.render(config));

        Process registry = new ProcessBuilder("docker-registry", "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            RegistryClient client = RegistryClient.plainHttp("127.0.0.1:" + port, credentials);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> client.ping().outcome() != PingResult.Outcome.UNREACHABLE);
            assertThat(client.ping().ok()).as(Files.readString(dir.resolve("registry.log"))).isTrue();
            assertThat(RegistryClient.plainHttp("127.0.0.1:" + port, new RegistryCredentials("skyport", "wrong"))
                    .ping().outcome()).isEqualTo(PingResult.Outcome.UNAUTHORIZED);

            String digest = new TestImagePusher(client.base(), credentials).push("shop/api", "d-1", "rendered");
            assertThat(client.manifestDigest("shop/api", "d-1")).contains(digest);
            assertThat(client.deleteManifest("shop/api", digest)).as("deletes are enabled").isTrue();
            assertThat(Files.isDirectory(dir.resolve("data/docker/registry/v2/repositories/shop/api"))).isTrue();
        } finally {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly();
            }
        }
    }
}
