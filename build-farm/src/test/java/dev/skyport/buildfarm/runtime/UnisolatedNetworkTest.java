package dev.skyport.buildfarm.runtime;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.BaseImages;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A configured build network that already exists as a bridge with inter-container traffic on (what
 * {@code docker network create} makes by default) would let builds reach each other: the build fails
 * naming the network instead of running without isolation. The network is this test's own.
 */
@Tag("engine")
class UnisolatedNetworkTest {

    @Test
    void aBuildNetworkWithInterContainerTrafficFailsTheBuildNamingIt() {
        BaseImages.ensureBusybox();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String network = "skyport-icc-on-test-" + suffix;
        String app = "icc" + suffix.substring(0, 6);
        try (TestBuildFarm farm = TestBuildFarm.start(Map.of("skyport.build-farm.docker.build-network", network))) {
            DockerClient docker = farm.bean(DockerClient.class);
            docker.createNetworkCmd().withName(network).withDriver("bridge").exec();
            try {
                assertThat(docker.inspectNetworkCmd().withNetworkId(network).exec().getOptions())
                        .doesNotContainEntry("com.docker.network.bridge.enable_icc", "false");
                BuildFarmClient api = farm.client();
                String id = api.deploy(app, "api", ServiceArchives.httpd("icc", 8080), item("/api", 8080));

                JsonNode failed = api.awaitDeployment(app, id, Duration.ofMinutes(2), "build_failed");

                assertThat(failed.get("message").asString()).contains("'" + network + "'",
                        "com.docker.network.bridge.enable_icc", "skyport.build-farm.docker.build-network");
                // Refused before the build started: no RUN step ever used the network.
                assertThat(api.logLines(app, id)).noneMatch(line -> line.contains("RUN steps use network"));
            } finally {
                docker.removeNetworkCmd(network).exec();
            }
        }
    }
}
