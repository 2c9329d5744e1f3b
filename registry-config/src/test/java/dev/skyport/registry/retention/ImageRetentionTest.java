package dev.skyport.registry.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.client.TestImagePusher;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.DevServices;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention against the real registry of {@code scripts/dev-services}. */
class ImageRetentionTest {

    private final DevServices services = DevServices.get();
    private final RegistryCredentials credentials = CredentialsDirectory.load(services.registryCredentials());
    private final RegistryClient client = RegistryClient.plainHttp(services.registry(), credentials);
    private final TestImagePusher pusher = new TestImagePusher(client.base(), credentials);
    private final ImageRetention retention = new ImageRetention(client);
    private final String repository = "retention-test-" + UUID.randomUUID().toString().substring(0, 8) + "/api";

    @AfterEach
    void removeEverything() {
        retention.keepLatest(repository, 0, Set.of());
    }

    @Test
    void keepsTheNewestImagesAndDeletesTheOthers() throws Exception {
        String d1 = pusher.push(repository, "d-20260101t000001-aaaa", "1");
        String d2 = pusher.push(repository, "d-20260101t000002-bbbb", "2");
        String d3 = pusher.push(repository, "d-20260101t000003-cccc", "3");
        String d4 = pusher.push(repository, "d-20260101t000004-dddd", "4");

        RetentionReport report = retention.keepLatest(repository, 2, Set.of());

        assertThat(report.keptTags()).containsExactly("d-20260101t000004-dddd", "d-20260101t000003-cccc");
        assertThat(report.deletedTags()).containsExactly("d-20260101t000002-bbbb", "d-20260101t000001-aaaa");
        assertThat(report.deletedDigests()).containsExactly(d2, d1);
        assertThat(client.tags(repository)).containsExactlyInAnyOrder("d-20260101t000004-dddd", "d-20260101t000003-cccc");
        assertThat(client.manifestDigest(repository, d1)).isEmpty();
        assertThat(client.manifestDigest(repository, d4)).contains(d4);
        assertThat(client.manifestDigest(repository, d3)).contains(d3);
    }

    @Test
    void neverDeletesTheImageThatServes() throws Exception {
        String serving = pusher.push(repository, "d-20260101t000001-aaaa", "serving");
        pusher.push(repository, "d-20260101t000002-bbbb", "failed-to-start");
        pusher.push(repository, "d-20260101t000003-cccc", "newest");

        RetentionReport report = retention.keepLatest(repository, 1, Set.of(serving));

        assertThat(report.deletedTags()).containsExactly("d-20260101t000002-bbbb");
        assertThat(client.manifestDigest(repository, "d-20260101t000001-aaaa")).contains(serving);
    }

    @Test
    void anOldTagSharingAKeptManifestStays() throws Exception {
        String same = pusher.push(repository, "d-20260101t000001-aaaa", "same");
        pusher.push(repository, "d-20260101t000002-bbbb", "other");
        pusher.push(repository, "d-20260101t000003-cccc", "same");

        RetentionReport report = retention.keepLatest(repository, 1, Set.of());

        assertThat(report.deletedTags()).containsExactly("d-20260101t000002-bbbb");
        assertThat(client.manifestDigest(repository, "d-20260101t000001-aaaa")).contains(same);
        assertThat(client.manifestDigest(repository, "d-20260101t000003-cccc")).contains(same);
    }

    @Test
    void keepingZeroEmptiesTheRepository() throws Exception {
        pusher.push(repository, "d-20260101t000001-aaaa", "1");
        pusher.push(repository, "d-20260101t000002-bbbb", "2");

        RetentionReport report = retention.keepLatest(repository, 0, Set.of());

        assertThat(report.keptTags()).isEmpty();
        assertThat(client.tags(repository)).isEmpty();
    }

    @Test
    void anUnknownRepositoryIsNothingToDo() {
        RetentionReport report = retention.keepLatest(repository, 3, Set.of());
        assertThat(report.keptTags()).isEmpty();
        assertThat(report.deletedDigests()).isEmpty();
    }
}
