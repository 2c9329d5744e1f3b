package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What the build farm keeps bounded: images per microservice in the registry, and each build log. */
@Tag("engine")
class RetentionAndLogCapTest {

    private static final String APP = "keep" + UUID.randomUUID().toString().substring(0, 6);
    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start(Map.of(
                "skyport.build-farm.registry.keep-images", "2",
                "skyport.build-farm.logs.max-lines-per-deployment", "50"));
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        try {
            for (String name : List.of("kept", "chatty")) {
                api.delete("/v1/apps/" + APP + "/microservices/" + name);
            }
        } finally {
            farm.close();
        }
    }

    @Test
    void theRegistryKeepsOnlyTheNewestImagesOfAMicroservice() {
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = api.deploy(APP, "kept", ServiceArchives.httpd("version " + i, 8080), item("/kept", 8080));
            api.awaitDeployment(APP, ids[i], Duration.ofMinutes(2), "running");
        }

        RegistryAccess registry = farm.bean(RegistryAccess.class);
        String repository = RegistryAccess.repositoryPath(new MicroserviceKey(APP, "kept"));
        // Retention runs after the replaced instance has drained.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(registry.client().manifestDigest(repository, ids[0])).isEmpty();
            assertThat(registry.client().manifestDigest(repository, ids[1])).isEmpty();
        });
        assertThat(registry.client().manifestDigest(repository, ids[2])).isPresent();
        assertThat(registry.client().manifestDigest(repository, ids[3])).isPresent();
        assertThat(api.microservice(APP, "kept").get("image").asString())
                .endsWith(registry.client().manifestDigest(repository, ids[3]).orElseThrow());
    }

    @Test
    void aBuildLogIsCappedAndKeepsItsNewestEvents() {
        byte[] chatty = TestArchive.create()
                .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\n"
                        + "RUN i=0; while [ $i -lt 2000 ]; do echo chatter line $i; i=$((i+1)); done\n"
                        + "COPY index.html /var/www/index.html\n"
                        + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n")
                .file("index.html", "chatty").bytes();

        String id = api.deploy(APP, "chatty", chatty, item("/chatty", 8080));
        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");

        Long length = farm.bean(StringRedisTemplate.class).opsForStream().size(BuildFarmKeys.logs(id));
        // XADD MAXLEN ~ trims whole stream nodes (100 entries each by default): about 50, never 2000.
        assertThat(length).isBetween(50L, 250L);
        List<String> lines = api.logLines(APP, id);
        assertThat(lines).noneMatch(line -> line.equals("chatter line 0"));
        assertThat(String.join("\n", lines)).contains("pushing");
    }
}
