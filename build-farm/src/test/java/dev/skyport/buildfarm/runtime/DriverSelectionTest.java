package dev.skyport.buildfarm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.skyport.buildfarm.runtime.docker.DockerEngineDriver;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code skyport.build-farm.runtime.driver} loads one driver and only its beans; a wrong name stops start-up. */
class DriverSelectionTest {

    @Test
    void anUnknownDriverFailsStartUpNamingTheValidOnes() {
        assertThatThrownBy(() -> TestBuildFarm.startInMemory(Map.of("skyport.build-farm.runtime.driver", "kubernets")))
                .rootCause()
                .hasMessageContaining("skyport.build-farm.runtime.driver is 'kubernets'")
                .hasMessageContaining("valid names: " + String.join(", ", RuntimeDrivers.PRODUCTION));
    }

    @Test
    void anotherDriverLoadsNoDockerClient() {
        // The fast layer's shared farm runs with the in-memory driver.
        TestBuildFarm farm = FastFarm.shared();
        assertThat(farm.bean(SelectedDriver.class).get()).isInstanceOf(InMemoryDriver.class);
        assertThat(farm.context().getBeanNamesForType(DockerClient.class)).isEmpty();
        assertThat(farm.context().getBeanNamesForType(DockerEngineDriver.class)).isEmpty();
    }

    @Test
    void theTestDriverIsNoProductionDriver() {
        assertThat(RuntimeDrivers.PRODUCTION).doesNotContain(InMemoryDriver.NAME);
    }
}
