package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Failed deployments are pruned like successful ones: their records and logs do not pile up. */
@Tag("engine")
class FailedDeploymentRetentionTest {

    private static final int KEEP = 3;

    @BeforeAll
    static void seed() {
        BaseImages.ensureBusybox();
    }

    @Test
    void failedDeploymentsBeyondTheRetentionAreRemovedButNeverTheServingOne() throws Exception {
        String app = "fr" + UUID.randomUUID().toString().substring(0, 6);
        try (TestBuildFarm farm = TestBuildFarm.start(Map.of(
                "skyport.build-farm.builds.keep-deployments", String.valueOf(KEEP),
                "skyport.build-farm.runtime.readiness-timeout", "2s"))) {
            BuildFarmClient api = farm.client();
            String serving = api.deploy(app, "api", ServiceArchives.httpd("serving", 8080), item("/api", 8080));
            api.awaitDeployment(app, serving, Duration.ofMinutes(2), "running");

            // N + 3 failures, both kinds: builds that fail and images that never become ready.
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < KEEP + 3; i++) {
                boolean buildFails = i % 3 != 2;
                byte[] archive = buildFails ? ServiceArchives.failingBuild("f" + i) : ServiceArchives.neverReady("n" + i);
                String id = api.deploy(app, "api", archive, item("/api", 8080));
                api.awaitDeployment(app, id, Duration.ofMinutes(2), buildFails ? "build_failed" : "deploy_failed");
                failed.add(id);
            }

            StringRedisTemplate redis = farm.bean(StringRedisTemplate.class);
            String index = BuildFarmKeys.deployments(app, "api");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(redis.opsForZSet().size(index)).isEqualTo(KEEP));
            List<String> expected = new ArrayList<>(List.of(serving));
            expected.addAll(failed.subList(failed.size() - (KEEP - 1), failed.size()));
            assertThat(redis.opsForZSet().range(index, 0, -1)).containsExactlyInAnyOrderElementsOf(expected);
            for (String id : failed.subList(0, failed.size() - (KEEP - 1))) {
                assertThat(redis.hasKey(BuildFarmKeys.deployment(id))).as("record of pruned " + id).isFalse();
                assertThat(redis.hasKey(BuildFarmKeys.logs(id))).as("log of pruned " + id).isFalse();
            }
            for (String id : expected) {
                assertThat(redis.hasKey(BuildFarmKeys.logs(id))).as("log of kept " + id).isTrue();
            }
            assertThat(api.microservice(app, "api").get("currentDeployment").asString()).isEqualTo(serving);
            assertThat(fetch(api.microservice(app, "api").get("route").get("target").asString() + "/").body())
                    .isEqualTo("serving");
            System.out.printf("retention: %d failed deploys, %d records kept (limit %d), serving %s kept%n",
                    failed.size(), redis.opsForZSet().size(index), KEEP, serving);
            api.delete("/v1/apps/" + app + "/microservices/api");
        }
    }
}
