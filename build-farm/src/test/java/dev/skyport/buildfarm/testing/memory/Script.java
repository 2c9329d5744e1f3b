package dev.skyport.buildfarm.testing.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the in-memory driver does for one microservice. Every setting holds until changed. */
public final class Script {

    /** How builds end. */
    public enum Build { SUCCEED, FAIL, HANG, PUSH_NOTHING }

    /** How new instances end their readiness wait. */
    public enum Readiness { READY, NEVER_READY }

    private volatile Build build = Build.SUCCEED;
    private volatile String buildFailure = "RUN make returned a non-zero code: 2";
    private volatile Readiness readiness = Readiness.READY;
    private volatile String readinessFailure = "did not become ready within 1 s: GET / answered 503";
    private final Map<InMemoryDriver.Call, Gate> gates = new ConcurrentHashMap<>();

    public Script buildSucceeds() {
        build = Build.SUCCEED;
        return this;
    }

    public Script buildFails(String reason) {
        build = Build.FAIL;
        buildFailure = reason;
        return this;
    }

    /** Builds run until cancelled (a supersede, a delete, a shutdown). */
    public Script buildHangs() {
        build = Build.HANG;
        return this;
    }

    /** Builds report a push but leave nothing in the registry. */
    public Script buildPushesNothing() {
        build = Build.PUSH_NOTHING;
        return this;
    }

    public Script instancesBecomeReady() {
        readiness = Readiness.READY;
        return this;
    }

    public Script instancesNeverReady(String reason) {
        readiness = Readiness.NEVER_READY;
        readinessFailure = reason;
        return this;
    }

    /** The next call of this kind blocks until the gate is released. */
    public Gate hold(InMemoryDriver.Call call) {
        return holdAtMost(call, Duration.ofMinutes(2));
    }

    /** The next call of this kind blocks until released, or for {@code duration} at most. */
    public Gate holdAtMost(InMemoryDriver.Call call, Duration duration) {
        Gate gate = new Gate(duration);
        gates.put(call, gate);
        return gate;
    }

    void passGate(InMemoryDriver.Call call) {
        Gate gate = gates.remove(call);
        if (gate != null) {
            gate.pass();
        }
    }

    Build build() {
        return build;
    }

    String buildFailure() {
        return buildFailure;
    }

    Readiness readiness() {
        return readiness;
    }

    String readinessFailure() {
        return readinessFailure;
    }
}
