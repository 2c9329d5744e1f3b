package dev.skyport.buildfarm.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerPropertiesTest {

    private static DockerProperties withNetworks(String network, String buildNetwork) {
        return new DockerProperties("unix:///var/run/docker.sock", "1.41", "127.0.0.1", "127.0.0.1", "no", network,
                buildNetwork);
    }

    @ParameterizedTest(name = "build-network {0}")
    @ValueSource(strings = {"container:0123abcd", "container:skyport-gateway", " container:x "})
    void aBuildNetworkInAnotherContainerIsRefusedNamingTheSetting(String buildNetwork) {
        assertThatThrownBy(() -> withNetworks("skyport-apps", buildNetwork))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skyport.build-farm.docker.build-network")
                .hasMessageContaining("another container's network");
    }

    @Test
    void theHostNetworkIsRefusedForBuilds() {
        assertThatThrownBy(() -> withNetworks("skyport-apps", "host"))
                .hasMessageContaining("skyport.build-farm.docker.build-network 'host'");
    }

    @ParameterizedTest(name = "build-network {0}")
    @ValueSource(strings = {"skyport-build", "none", "container-builds"})
    void bridgesOfTheirOwnAndNoNetworkAreAccepted(String buildNetwork) {
        assertThat(withNetworks("skyport-apps", buildNetwork).buildNetwork()).isEqualTo(buildNetwork);
    }
}
