package dev.skyport.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.FreePorts;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real basic-auth registry of {@code scripts/dev-services} (deletes enabled). */
class RegistryClientTest {

    private final DevServices services = DevServices.get();
    private final RegistryCredentials credentials = CredentialsDirectory.load(services.registryCredentials());
    private final RegistryClient client = RegistryClient.plainHttp(services.registry(), credentials);
    private final TestImagePusher pusher = new TestImagePusher(client.base(), credentials);
    private final String repository = "registry-client-test-" + UUID.randomUUID().toString().substring(0, 8) + "/svc";

    @BeforeEach
    void registryIsClean() {
        assertThat(client.tags(repository)).isEmpty();
    }

    @AfterEach
    void removeWhatWasPushed() {
        for (String tag : client.tags(repository)) {
            client.manifestDigest(repository, tag).ifPresent(d -> client.deleteManifest(repository, d));
        }
    }

    @Test
    void pingAcceptsTheCredentialsFromTheDirectory() {
        PingResult ping = client.ping();
        assertThat(ping.outcome()).isEqualTo(PingResult.Outcome.OK);
        assertThat(ping.status()).isEqualTo(200);
    }

    @Test
    void pingReportsRefusedCredentialsWithoutThrowing() {
        RegistryClient wrong = RegistryClient.plainHttp(services.registry(),
                new RegistryCredentials(credentials.username(), "not-the-password"));
        PingResult ping = wrong.ping();
        assertThat(ping.outcome()).isEqualTo(PingResult.Outcome.UNAUTHORIZED);
        assertThat(ping.detail()).contains("refused the credentials").doesNotContain("not-the-password");
    }

    @Test
    void pingReportsAnUnreachableRegistry() {
        RegistryClient nowhere = RegistryClient.plainHttp("127.0.0.1:" + FreePorts.next(), credentials);
        assertThat(nowhere.ping().outcome()).isEqualTo(PingResult.Outcome.UNREACHABLE);
    }

    @Test
    void manifestDigestIsTheDigestOfThePushedManifest() throws Exception {
        String digest = pusher.push(repository, "d-1", "one");

        assertThat(client.manifestDigest(repository, "d-1")).contains(digest);
        assertThat(client.manifestDigest(repository, digest)).contains(digest);
        assertThat(client.tags(repository)).containsExactly("d-1");
    }

    @Test
    void manifestDigestOfAnUnknownTagIsEmpty() throws Exception {
        pusher.push(repository, "d-1", "one");
        assertThat(client.manifestDigest(repository, "d-404")).isEmpty();
        assertThat(client.manifestDigest("no-such-repo-" + UUID.randomUUID().toString().substring(0, 8), "x")).isEmpty();
    }

    @Test
    void deleteByDigestRemovesTheManifestAndItsTags() throws Exception {
        String digest = pusher.push(repository, "d-1", "one");
        pusher.push(repository, "d-1-again", "one");

        assertThat(client.deleteManifest(repository, digest)).isTrue();

        assertThat(client.manifestDigest(repository, "d-1")).isEmpty();
        assertThat(client.manifestDigest(repository, "d-1-again")).isEmpty();
        assertThat(client.tags(repository)).isEmpty();
        assertThat(client.deleteManifest(repository, digest)).isFalse();
    }

    @Test
    void wrongCredentialsMakeCallsFailWithAClearMessage() {
        RegistryClient wrong = RegistryClient.plainHttp(services.registry(),
                new RegistryCredentials(credentials.username(), "not-the-password"));
        assertThatThrownBy(() -> wrong.tags(repository))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("refused the credentials")
                .extracting(e -> ((RegistryException) e).status()).isEqualTo(401);
    }

    @Test
    void badNamesNeverReachTheUrl() {
        assertThatThrownBy(() -> client.manifestDigest("Shop/../api", "latest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid component");
        assertThatThrownBy(() -> client.deleteManifest(repository, "latest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256:");
    }
}
