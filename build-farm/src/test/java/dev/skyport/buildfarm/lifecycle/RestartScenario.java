package dev.skyport.buildfarm.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.StatusRecorder;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.memory.Gate;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver;
import dev.skyport.buildfarm.testing.memory.InMemoryDriver.Call;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Restarts of a build farm of its own (the shared one is never restarted) with work in flight, once
 * per JVM: {@link RestartMidBuildTest} asserts what happened, {@link StatusMachineCoverageTest} counts
 * its transitions. Running it once saves two Spring restarts.
 *
 * <ol>
 *   <li>Resume on (the default): a hanging build ({@code resumed}); a version whose instance is starting
 *       with a newer deploy queued behind it ({@code waiting}). Restart.</li>
 *   <li>Resume off: a hanging build ({@code alone}); a hanging build with a newer deploy queued behind it
 *       ({@code pair}); a version whose instance is starting ({@code starting}). Restart with
 *       {@code resume-after-restart=false}.</li>
 * </ol>
 * After a restart the in-memory driver is new: builds succeed and instances become ready again.
 */
final class RestartScenario {

    /** What a test can check afterwards. */
    record Outcome(List<StatusRecorder.Change> changes, Map<String, String> ids, Map<String, JsonNode> deployments,
                   Map<String, JsonNode> microservices, Map<String, List<String>> logs,
                   Map<String, List<InMemoryDriver.Recorded>> callsAfterRestart) {

        String id(String name) {
            return ids.get(name);
        }

        JsonNode deployment(String name) {
            return deployments.get(id(name));
        }
    }

    private static Outcome outcome;

    private RestartScenario() {
    }

    static synchronized Outcome outcome() {
        if (outcome == null) {
            outcome = run();
        }
        return outcome;
    }

    private static Outcome run() {
        Map<String, String> ids = new HashMap<>();
        Map<String, JsonNode> deployments = new HashMap<>();
        Map<String, JsonNode> microservices = new HashMap<>();
        Map<String, List<String>> logs = new HashMap<>();
        Map<String, List<InMemoryDriver.Recorded>> calls = new HashMap<>();
        try (TestBuildFarm farm = TestBuildFarm.startInMemory(Map.of("skyport.build-farm.builds.max-parallel", "8"));
             StatusRecorder recorder = StatusRecorder.of(farm)) {
            TestApp resumeOn = TestApp.on(farm, "resume");
            resumeOn.script("resumed").buildHangs();
            ids.put("d1", resumeOn.deploy("resumed"));
            resumeOn.awaitDeployment(ids.get("d1"), "building");
            Gate run = resumeOn.script("waiting").hold(Call.RUN);
            ids.put("e1", resumeOn.deploy("waiting"));
            awaitEntered(run);
            ids.put("e2", resumeOn.deploy("waiting"));
            assertThat(resumeOn.status(ids.get("e2"))).isEqualTo("queued");

            farm.restart();

            resumeOn.awaitDeployment(ids.get("d1"), "running");
            resumeOn.awaitDeployment(ids.get("e2"), "running");
            for (String name : List.of("d1", "e1", "e2")) {
                deployments.put(ids.get(name), resumeOn.deployment(ids.get(name)));
            }
            logs.put("d1", resumeOn.logLines(ids.get("d1")));
            calls.put("resumed", resumeOn.calls("resumed"));
            calls.put("waiting", resumeOn.calls("waiting"));
            microservices.put("resumed", resumeOn.microservice("resumed"));
            microservices.put("waiting", resumeOn.microservice("waiting"));
            resumeOn.close();

            TestApp resumeOff = TestApp.on(farm, "noresume");
            resumeOff.script("alone").buildHangs();
            ids.put("h1", resumeOff.deploy("alone"));
            resumeOff.script("pair").buildHangs();
            ids.put("f1", resumeOff.deploy("pair"));
            resumeOff.awaitDeployment(ids.get("h1"), "building");
            resumeOff.awaitDeployment(ids.get("f1"), "building");
            ids.put("f2", resumeOff.deploy("pair"));
            Gate starting = resumeOff.script("starting").hold(Call.RUN);
            ids.put("g1", resumeOff.deploy("starting"));
            awaitEntered(starting);

            farm.restart(Map.of("skyport.build-farm.builds.resume-after-restart", "false"));

            for (String name : List.of("h1", "f1", "f2", "g1")) {
                deployments.put(ids.get(name), resumeOff.deployment(ids.get(name)));
            }
            for (String name : List.of("alone", "pair", "starting")) {
                microservices.put(name, resumeOff.microservice(name));
                calls.put(name, resumeOff.calls(name));
            }
            resumeOff.close();
            return new Outcome(recorder.sync().changes(), ids, deployments, microservices, logs, calls);
        }
    }

    private static void awaitEntered(Gate gate) {
        try {
            assertThat(gate.awaitEntered(TestApp.PATIENCE)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
