package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.buildfarm.testing.FastFarm;
import dev.skyport.buildfarm.testing.StatusRecorder;
import dev.skyport.buildfarm.testing.StatusRecorder.Change;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import dev.skyport.buildfarm.testing.memory.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every transition {@code platform-api}'s {@link StatusMachine} allows, for deployments and for
 * microservices, is one the lifecycle actually makes: one scripted story of one microservice on the
 * in-memory driver, plus the restarts of {@link RestartScenario}, recorded write by write in Redis
 * ({@link StatusRecorder}), must show them all, except the ones listed in {@link #NEVER_MADE} with
 * the reason the lifecycle cannot make them.
 */
class StatusMachineCoverageTest {

    /**
     * Allowed by the machine, never made by the lifecycle (and so never recorded here). Each is a finding
     * about the machine or the lifecycle, not a gap in this test: if the lifecycle starts making one, this
     * test fails and it moves out of this list.
     */
    static final Map<String, String> NEVER_MADE = Map.of();

    private static final String NEVER_READY = "did not become ready within 1 s: GET / answered 503";

    @Test
    void everyTransitionOfTheStatusMachineHappens() throws Exception {
        List<Change> changes = new ArrayList<>(RestartScenario.outcome().changes());
        try (StatusRecorder recorder = StatusRecorder.of(FastFarm.shared());
             TestApp app = TestApp.on(FastFarm.shared(), "coverage")) {
            story(app);
            changes.addAll(recorder.sync().changes(c -> c.app().equals(app.name())));
        }

        Set<String> allowed = allowedTransitions();
        Set<String> made = new TreeSet<>();
        for (Change change : changes) {
            if (change.isTransition()) {
                made.add(change.kind().name().toLowerCase() + " " + change.pair());
            }
        }
        assertThat(made).as("every status write moves as the machine allows").isSubsetOf(allowed);
        Set<String> expected = new TreeSet<>(allowed);
        expected.removeAll(NEVER_MADE.keySet());

        assertThat(allowed).as("the machine allows what NEVER_MADE lists").containsAll(NEVER_MADE.keySet());
        assertThat(made).as("transitions made (deployment: %d allowed, microservice: %d allowed)",
                        allowed.stream().filter(t -> t.startsWith("deployment")).count(),
                        allowed.stream().filter(t -> t.startsWith("microservice")).count())
                .containsExactlyInAnyOrderElementsOf(expected);
        System.out.println("StatusMachineCoverageTest: " + made.size() + " of " + allowed.size()
                + " allowed transitions made; never made: " + NEVER_MADE.keySet());
    }

    /** One microservice through every situation the lifecycle knows, step by step. */
    private static void story(TestApp app) throws Exception {
        Script a = app.script("a");

        // deploy: queued → building → built → running (microservice building → built → running)
        String a1 = app.deployRunning("a");
        // redeploy: running → superseded; the microservice running → building
        String a2 = app.deployRunning("a");
        assertThat(app.status(a1)).isEqualTo("superseded");
        // stop: running → stopped
        app.stop("a");
        // a start that never becomes ready: stopped → deploy_failed (both)
        a.instancesNeverReady(NEVER_READY);
        assertThat(app.start("a").body().get("microservice").get("status").asString()).isEqualTo("deploy_failed");
        assertThat(app.status(a2)).isEqualTo("deploy_failed");
        // start again: deploy_failed → running (both)
        a.instancesBecomeReady();
        assertThat(app.start("a").body().get("microservice").get("status").asString()).isEqualTo("running");
        // a failed build: building → build_failed (both); a2 serves on
        a.buildFails("RUN make returned a non-zero code: 2");
        app.awaitDeployment(app.deploy("a"), "build_failed");
        app.awaitMicroservice("a", "build_failed");
        // its instance stops and the observation starts it again: the microservice build_failed → running
        app.driver().instanceStops(a2);
        app.observe();
        app.awaitMicroservice("a", "running");
        awaitIdle(app);
        // another failed build, then the instance vanishes and cannot come back:
        // a2 running → deploy_failed, the microservice build_failed → deploy_failed
        app.awaitDeployment(app.deploy("a"), "build_failed");
        app.awaitMicroservice("a", "build_failed");
        app.driver().instanceVanishes(a2);
        a.instancesNeverReady(NEVER_READY);
        app.observe();
        app.awaitDeployment(a2, "deploy_failed");
        app.awaitMicroservice("a", "deploy_failed");
        awaitIdle(app);
        // a deploy after that: the microservice deploy_failed → building; a2 deploy_failed → superseded
        a.buildSucceeds().instancesBecomeReady();
        String a5 = app.deployRunning("a");
        assertThat(app.status(a2)).isEqualTo("superseded");
        // stop, then deploy while stopped: the microservice stopped → building; a5 stopped → superseded
        app.stop("a");
        String a6 = app.deployRunning("a");
        assertThat(app.status(a5)).isEqualTo("superseded");
        // a failed build, then stop: the microservice build_failed → stopped
        a.buildFails("RUN make returned a non-zero code: 2");
        app.awaitDeployment(app.deploy("a"), "build_failed");
        app.awaitMicroservice("a", "build_failed");
        app.stop("a");
        // start: a6 stopped → running, the microservice stopped → running
        assertThat(app.start("a").body().get("microservice").get("status").asString()).isEqualTo("running");
        assertThat(app.status(a6)).isEqualTo("running");
        // a failed build, then a good one: the microservice build_failed → building
        app.awaitDeployment(app.deploy("a"), "build_failed");
        a.buildSucceeds();
        String a9 = app.deployRunning("a");
        // a version that never becomes ready: built → deploy_failed (both)
        a.instancesNeverReady(NEVER_READY);
        app.awaitDeployment(app.deploy("a"), "deploy_failed");
        app.awaitMicroservice("a", "deploy_failed");
        // stop: the microservice deploy_failed → stopped; a9 running → stopped
        app.stop("a");
        assertThat(app.status(a9)).isEqualTo("stopped");
        // a deploy while stopped, and a stop during its build: the microservice building → stopped, and
        // the deployment built → stopped once its build ends
        a.instancesBecomeReady();
        Gate build = a.hold(Call.BUILD);
        String a11 = app.deploy("a");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();
        app.stop("a");
        build.release();
        app.awaitDeployment(a11, "stopped");
        // start runs it: stopped → running
        assertThat(app.start("a").body().get("microservice").get("status").asString()).isEqualTo("running");
        // its instance vanishes and cannot come back: the microservice running → deploy_failed
        app.driver().instanceVanishes(a11);
        a.instancesNeverReady(NEVER_READY);
        app.observe();
        app.awaitMicroservice("a", "deploy_failed");
        awaitIdle(app);
        a.instancesBecomeReady();
        assertThat(app.start("a").body().get("microservice").get("status").asString()).isEqualTo("running");
        // a deploy while the previous one's instance starts: the microservice built → building
        Gate run = a.hold(Call.RUN);
        String a12 = app.deploy("a");
        assertThat(run.awaitEntered(TestApp.PATIENCE)).isTrue();
        app.awaitMicroservice("a", "built");
        String a13 = app.deploy("a");
        assertThat(app.microservice("a").get("status").asString()).isEqualTo("building");
        run.release();
        app.awaitDeployment(a13, "running");
        assertThat(app.status(a12)).isEqualTo("superseded");
        // a stop while the new instance starts: the microservice built → stopped, the deployment built → stopped
        run = a.hold(Call.RUN);
        String a14 = app.deploy("a");
        assertThat(run.awaitEntered(TestApp.PATIENCE)).isTrue();
        app.awaitMicroservice("a", "built");
        app.stop("a");
        run.release();
        app.awaitDeployment(a14, "stopped");
        // a queued deploy replaced before its build: queued → superseded
        build = a.hold(Call.BUILD);
        String a15 = app.deploy("a");
        assertThat(build.awaitEntered(TestApp.PATIENCE)).isTrue();
        String a16 = app.deploy("a");
        String a17 = app.deploy("a");
        assertThat(app.status(a16)).isEqualTo("superseded");
        build.release();
        app.awaitDeployment(a17, "running");
        assertThat(app.status(a15)).isEqualTo("superseded");
    }

    /** The observation's restart runs on a thread of its own; the next step waits for it. */
    private static void awaitIdle(TestApp app) {
        await().atMost(TestApp.PATIENCE).until(() -> !app.busy("a"));
    }

    /** What {@link StatusMachine} allows between two different statuses, as "kind from -> to". */
    static Set<String> allowedTransitions() {
        Set<String> allowed = new TreeSet<>();
        for (DeploymentStatus from : DeploymentStatus.values()) {
            for (DeploymentStatus to : DeploymentStatus.values()) {
                if (from != to && StatusMachine.allows(from, to)) {
                    allowed.add("deployment " + from.wireName() + " -> " + to.wireName());
                }
            }
        }
        for (MicroserviceStatus from : MicroserviceStatus.values()) {
            for (MicroserviceStatus to : MicroserviceStatus.values()) {
                if (from != to && StatusMachine.allows(from, to)) {
                    allowed.add("microservice " + from.wireName() + " -> " + to.wireName());
                }
            }
        }
        return allowed;
    }
}
