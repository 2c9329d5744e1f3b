package dev.skyport.buildfarm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Image;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.docker.DockerEngine;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tag removed while its push still runs leaves the image behind with only the pushed digest (the
 * Engine records it when the push ends). Removing a deployment or a microservice removes such
 * leftovers too. The leftover is made here by pulling the pushed image back by digest.
 */
@Tag("engine")
class LeftoverImageRemovalTest {

    private static final String APP = "left" + UUID.randomUUID().toString().substring(0, 6);
    private static TestBuildFarm farm;
    private static DockerClient docker;
    private static RegistryAccess registry;
    private static DockerEngine engine;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start();
        docker = farm.bean(DockerClient.class);
        registry = farm.bean(RegistryAccess.class);
        engine = farm.bean(DockerEngine.class);
    }

    @AfterAll
    static void stop() {
        try {
            for (String name : List.of("one", "all")) {
                registry.deleteAll(new MicroserviceKey(APP, name));
            }
        } finally {
            farm.close();
        }
    }

    @Test
    void removingADeploymentRemovesAPushedDigestThatLostItsTag() throws InterruptedException {
        MicroserviceKey key = new MicroserviceKey(APP, "one");
        String repository = leaveDigestOnly(key);

        engine.deleteDeployment(key, "later");

        awaitNoImage(repository);
        assertThat(docker.listImagesCmd().withReferenceFilter("busybox:1.36").exec()).hasSize(1);
    }

    @Test
    void removingAMicroserviceRemovesItsPushedDigests() throws InterruptedException {
        MicroserviceKey key = new MicroserviceKey(APP, "all");
        String repository = leaveDigestOnly(key);

        engine.deleteMicroservice(key);

        awaitNoImage(repository);
    }

    /** Pushes busybox as {@code <repository>:d1}, untags it, then pulls it back by digest. */
    private static String leaveDigestOnly(MicroserviceKey key) throws InterruptedException {
        String repository = registry.repository(key);
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry.address())
                .withUsername(registry.credentials().username()).withPassword(registry.credentials().password());
        docker.tagImageCmd("busybox:1.36", repository, "d1").exec();
        docker.pushImageCmd(repository).withTag("d1").withAuthConfig(auth).start()
                .awaitCompletion(60, TimeUnit.SECONDS);
        String digest = registry.client().manifestDigest(RegistryAccess.repositoryPath(key), "d1").orElseThrow();
        docker.removeImageCmd(repository + ":d1").exec();
        docker.pullImageCmd(repository).withTag(digest).withAuthConfig(auth).start()
                .awaitCompletion(60, TimeUnit.SECONDS);

        List<Image> leftovers = docker.listImagesCmd().withReferenceFilter(repository).exec();
        assertThat(leftovers).hasSize(1);
        assertThat(leftovers.get(0).getRepoDigests()).contains(repository + "@" + digest);
        // The listing shows only the references that match the filter: no tag of the repository is left.
        assertThat(leftovers.get(0).getRepoTags()).isNullOrEmpty();
        return repository;
    }

    private static void awaitNoImage(String repository) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(docker.listImagesCmd().withReferenceFilter(repository).exec()).isEmpty());
    }
}
