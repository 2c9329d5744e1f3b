package dev.skyport.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.cli.CliFailure;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

    @Test
    void readsTheBuildFarmsStatusEventAndABareStatusName() {
        assertThat(StatusEvents.read("{\"status\":\"build_failed\",\"message\":\"npm ci exited 1\"}"))
                .isEqualTo(new StatusEvent(DeploymentStatus.BUILD_FAILED, "npm ci exited 1"));
        assertThat(StatusEvents.read(" running\n")).isEqualTo(new StatusEvent(DeploymentStatus.RUNNING, null));
    }

    @Test
    void describesAStatusWithItsMessage() {
        assertThat(StatusEvents.describe(new StatusEvent(DeploymentStatus.RUNNING, "serving d-1")))
                .isEqualTo("running: serving d-1");
        assertThat(StatusEvents.describe(new StatusEvent(DeploymentStatus.QUEUED, ""))).isEqualTo("queued");
    }

    @Test
    void aStatusSkycliDoesNotKnowIsAFailureNamingIt() {
        assertThatThrownBy(() -> StatusEvents.read("{\"status\":\"hibernating\"}")).isInstanceOf(CliFailure.class)
                .hasMessageContaining("status event skycli cannot read: '{\"status\":\"hibernating\"}'");
        assertThatThrownBy(() -> StatusEvents.read("hibernating")).isInstanceOf(CliFailure.class)
                .hasMessageContaining("'hibernating'");
    }
}
