package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.lifecycle.RestartScenario.Outcome;
import dev.skyport.buildfarm.testing.StatusRecorder;
import dev.skyport.buildfarm.testing.StatusRecorder.Kind;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build farm restart with work in flight ({@link RestartScenario}): by default the interrupted build
 * is queued and built again, and a newer queued deploy supersedes an older one that was about to start;
 * with {@code resume-after-restart=false} every interrupted deployment fails with the reason.
 */
class RestartMidBuildTest {

    private static Outcome outcome;

    @BeforeAll
    static void restartWithWorkInFlight() {
        outcome = RestartScenario.outcome();
    }

    @Test
    void aBuildInterruptedByARestartIsBuiltAgainAndRuns() {
        String id = outcome.id("d1");
        assertThat(statuses(id)).containsExactly("queued", "building", "queued", "building", "built", "running");
        assertThat(messageOn(id, "queued", 1)).isEqualTo("the build farm restarted during this build; queued to build again");
        assertThat(outcome.logs().get("d1")).contains("in-memory build hangs until cancelled",
                "the build farm restarted during this build; building again");
        assertThat(outcome.callsAfterRestart().get("resumed")).extracting(InMemoryDriver.Recorded::call)
                .containsExactly(Call.OBSERVE, Call.BUILD, Call.RUN);
        assertThat(outcome.microservices().get("resumed").get("status").asString()).isEqualTo("running");
        assertThat(outcome.microservices().get("resumed").get("currentDeployment").asString()).isEqualTo(id);
    }

    @Test
    void aVersionAboutToStartIsSupersededByTheNewerDeployQueuedBehindIt() {
        String older = outcome.id("e1");
        String newer = outcome.id("e2");
        assertThat(statuses(older)).containsExactly("queued", "building", "built", "superseded");
        assertThat(outcome.deployment("e1").get("message").asString())
                .isEqualTo("the build farm restarted before this deployment finished, and " + newer + " is newer");
        assertThat(statuses(newer)).containsExactly("queued", "building", "built", "running");
        assertThat(outcome.callsAfterRestart().get("waiting")).extracting(InMemoryDriver.Recorded::deploymentId)
                .doesNotContain(older);
        assertThat(outcome.microservices().get("waiting").get("currentDeployment").asString()).isEqualTo(newer);
    }

    @Test
    void withResumeOffAnInterruptedBuildFailsWithTheReason() {
        String id = outcome.id("h1");
        assertThat(statuses(id)).containsExactly("queued", "building", "build_failed");
        assertThat(outcome.deployment("h1").get("message").asString())
                .isEqualTo("the build farm restarted before this build finished; deploy again");
        assertThat(outcome.microservices().get("alone").get("status").asString()).isEqualTo("build_failed");
        assertThat(outcome.microservices().get("alone").get("message").asString())
                .isEqualTo("the build of " + id + " was interrupted by a build farm restart; deploy again");
        assertThat(outcome.callsAfterRestart().get("alone")).extracting(InMemoryDriver.Recorded::call)
                .containsOnly(Call.OBSERVE);
    }

    @Test
    void withResumeOffTheBuildAndTheDeployQueuedBehindItBothFail() {
        String building = outcome.id("f1");
        String queued = outcome.id("f2");
        assertThat(statuses(building)).containsExactly("queued", "building", "build_failed");
        assertThat(outcome.deployment("f1").get("message").asString()).isEqualTo(
                "the build farm restarted during this build, and " + queued + " is newer; not building it again");
        assertThat(statuses(queued)).containsExactly("queued", "build_failed");
        assertThat(outcome.deployment("f2").get("message").asString())
                .isEqualTo("the build farm restarted before this build finished; deploy again");
        assertThat(outcome.microservices().get("pair").get("status").asString()).isEqualTo("build_failed");
        assertThat(outcome.callsAfterRestart().get("pair")).extracting(InMemoryDriver.Recorded::call)
                .containsOnly(Call.OBSERVE);
    }

    @Test
    void withResumeOffAVersionThatWasStartingFailsWithTheReason() {
        String id = outcome.id("g1");
        assertThat(statuses(id)).containsExactly("queued", "building", "built", "deploy_failed");
        assertThat(outcome.deployment("g1").get("message").asString())
                .isEqualTo("the build farm restarted before this deployment started; deploy again");
        assertThat(outcome.microservices().get("starting").get("status").asString()).isEqualTo("deploy_failed");
        assertThat(outcome.microservices().get("starting").get("message").asString())
                .isEqualTo(id + " was interrupted by a build farm restart; deploy again");
    }

    private static List<String> statuses(String deploymentId) {
        return StatusRecorder.statusesOf(outcome.changes(), Kind.DEPLOYMENT, deploymentId);
    }

    /** The message the deployment had the {@code n}th time (from 0) it entered {@code status}. */
    private static String messageOn(String deploymentId, String status, int n) {
        return outcome.changes().stream()
                .filter(c -> c.kind() == Kind.DEPLOYMENT && c.subject().equals(deploymentId) && c.to().equals(status)
                        && !status.equals(c.from()))
                .skip(n).findFirst().orElseThrow().message();
    }
}
