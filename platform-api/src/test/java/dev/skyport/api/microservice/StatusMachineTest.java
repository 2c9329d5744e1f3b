package dev.skyport.api.microservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    private static Deployment deployment(DeploymentStatus status) {
        return new Deployment("d-1", "shop", "api", "ab".repeat(32), status, "", null, T0, T0);
    }

    @Test
    void theHappyPathOfADeployment() {
        Deployment d = Deployment.queued("d-1", "shop", "api", "ab".repeat(32), T0)
                .moveTo(DeploymentStatus.BUILDING, "building", T1)
                .moveTo(DeploymentStatus.BUILT, "built", T1)
                .moveTo(DeploymentStatus.RUNNING, "serving", T1)
                .moveTo(DeploymentStatus.STOPPED, "stopped", T1)
                .moveTo(DeploymentStatus.RUNNING, "started again", T1)
                .moveTo(DeploymentStatus.SUPERSEDED, "replaced by d-2", T1);
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(d.createdAt()).isEqualTo(T0);
        assertThat(d.updatedAt()).isEqualTo(T1);
    }

    @Test
    void failuresComeFromTheirOwnStep() {
        assertThat(StatusMachine.allows(DeploymentStatus.BUILDING, DeploymentStatus.BUILD_FAILED)).isTrue();
        assertThat(StatusMachine.allows(DeploymentStatus.BUILT, DeploymentStatus.DEPLOY_FAILED)).isTrue();
        assertThat(StatusMachine.allows(DeploymentStatus.QUEUED, DeploymentStatus.RUNNING)).isFalse();
        assertThat(StatusMachine.allows(DeploymentStatus.BUILDING, DeploymentStatus.RUNNING)).isFalse();
        assertThat(StatusMachine.allows(DeploymentStatus.BUILDING, DeploymentStatus.DEPLOY_FAILED)).isFalse();
        assertThat(StatusMachine.allows(DeploymentStatus.QUEUED, DeploymentStatus.BUILT)).isFalse();
    }

    @Test
    void onlyAQueuedOrServedDeploymentIsSuperseded() {
        assertThat(StatusMachine.allows(DeploymentStatus.QUEUED, DeploymentStatus.SUPERSEDED)).isTrue();
        assertThat(StatusMachine.allows(DeploymentStatus.RUNNING, DeploymentStatus.SUPERSEDED)).isTrue();
        assertThat(StatusMachine.allows(DeploymentStatus.BUILDING, DeploymentStatus.SUPERSEDED)).isFalse();
    }

    @Test
    void aRestartMayRequeueABuild() {
        assertThat(deployment(DeploymentStatus.BUILDING).moveTo(DeploymentStatus.QUEUED, "requeued", T1).status())
                .isEqualTo(DeploymentStatus.QUEUED);
    }

    @ParameterizedTest
    @EnumSource(value = DeploymentStatus.class, names = {"BUILD_FAILED", "SUPERSEDED"})
    void finalStatusesNeverMove(DeploymentStatus finalStatus) {
        for (DeploymentStatus to : DeploymentStatus.values()) {
            assertThat(StatusMachine.allows(finalStatus, to)).as(finalStatus + " -> " + to).isFalse();
        }
        assertThatThrownBy(() -> deployment(finalStatus).moveTo(DeploymentStatus.RUNNING, "x", T1))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("deployment d-1 cannot go from " + finalStatus.wireName() + " to running")
                .hasMessageContaining("is final");
    }

    @Test
    void aForbiddenMoveSaysWhatIsAllowed() {
        assertThatThrownBy(() -> deployment(DeploymentStatus.QUEUED).moveTo(DeploymentStatus.RUNNING, "x", T1))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("allowed: [BUILDING, BUILD_FAILED, SUPERSEDED]");
    }

    @ParameterizedTest
    @EnumSource(DeploymentStatus.class)
    void everyStatusExceptTheFinalOnesCanChangeItsMessage(DeploymentStatus status) {
        assertThat(StatusMachine.allows(status, status)).isEqualTo(!StatusMachine.isFinal(status));
    }

    @ParameterizedTest
    @EnumSource(MicroserviceStatus.class)
    void aNewDeployMayStartFromAnyMicroserviceStatus(MicroserviceStatus from) {
        assertThat(StatusMachine.allows(from, MicroserviceStatus.BUILDING)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = MicroserviceStatus.class, names = {"BUILDING", "BUILT"}, mode = EnumSource.Mode.EXCLUDE)
    void onlyABuildMakesAMicroserviceBuilt(MicroserviceStatus from) {
        assertThat(StatusMachine.allows(from, MicroserviceStatus.BUILT)).isFalse();
    }

    @Test
    void aMicroserviceBuildingCannotJumpToRunning() {
        Microservice building = Microservice.firstDeploy("shop", "api", "d-1", T0);
        assertThatThrownBy(() -> building.moveTo(MicroserviceStatus.RUNNING, "x", T1))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("microservice shop/api cannot go from building to running");
        assertThat(building.moveTo(MicroserviceStatus.BUILT, "built", T1)
                .moveTo(MicroserviceStatus.RUNNING, "serving", T1).status()).isEqualTo(MicroserviceStatus.RUNNING);
    }

    @Test
    void inFlightDeploymentsAreTheOnesARestartMustHandle() {
        assertThat(DeploymentStatus.QUEUED.inFlight()).isTrue();
        assertThat(DeploymentStatus.BUILDING.inFlight()).isTrue();
        assertThat(DeploymentStatus.BUILT.inFlight()).isTrue();
        assertThat(DeploymentStatus.RUNNING.inFlight()).isFalse();
        assertThat(DeploymentStatus.RUNNING.endsWaiting()).isTrue();
        assertThat(DeploymentStatus.BUILT.endsWaiting()).isFalse();
    }
}
