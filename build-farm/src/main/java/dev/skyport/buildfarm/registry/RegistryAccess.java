package dev.skyport.buildfarm.registry;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.registry.client.PingResult;
import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.registry.retention.ImageRetention;
import dev.skyport.registry.retention.RetentionReport;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registry as the build farm uses it: its address, the credentials (read from files at start-up,
 * only ever handed to a push), a v2 client to verify manifests, and retention.
 */
@Component
public class RegistryAccess {

    private static final Logger log = LoggerFactory.getLogger(RegistryAccess.class);

    private final RegistryProperties properties;
    private final RegistryCredentials credentials;
    private final RegistryClient client;
    private final ImageRetention retention;

    public RegistryAccess(RegistryProperties properties) {
        this.properties = properties;
        this.credentials = CredentialsDirectory.load(properties.credentialsDirectory());
        this.client = new RegistryClient(URI.create((properties.secure() ? "https://" : "http://")
                + properties.address()), credentials, Duration.ofSeconds(30));
        this.retention = new ImageRetention(client);
        PingResult ping = client.ping();
        if (ping.ok()) {
            log.info("registry {} accepts the configured credentials", properties.address());
        } else {
            log.warn("registry check failed: {} (builds will fail until it answers)", ping.detail());
        }
    }

    public String address() {
        return properties.address();
    }

    public RegistryCredentials credentials() {
        return credentials;
    }

    public RegistryClient client() {
        return client;
    }

    /** The repository path inside the registry: {@code <app>/<microservice>}. */
    public static String repositoryPath(MicroserviceKey microservice) {
        return microservice.app() + "/" + microservice.name();
    }

    /** The full repository: {@code <registry>/<app>/<microservice>}. */
    public String repository(MicroserviceKey microservice) {
        return properties.address() + "/" + repositoryPath(microservice);
    }

    /** Keeps the newest images of a microservice and the one that serves. */
    public RetentionReport applyRetention(MicroserviceKey microservice, Set<String> protectedDigests) {
        return retention.keepLatest(repositoryPath(microservice), properties.keepImages(), protectedDigests);
    }

    /** Deletes every image of a microservice. */
    public RetentionReport deleteAll(MicroserviceKey microservice) {
        return retention.keepLatest(repositoryPath(microservice), 0, Set.of());
    }
}
