package dev.skyport.buildfarm.testing;

import java.util.Map;

/**
 * The one in-memory build farm of the fast test layer: started on first use, shared by every fast test
 * class of the JVM (Spring starts once, about 20 s here, instead of once per class), closed when the JVM
 * exits. Tests keep out of each other's way by each using apps of their own ({@link TestApp}) and
 * deleting them afterwards; nothing restarts or reconfigures it. A test that needs a restart or other
 * settings starts its own {@link TestBuildFarm#startInMemory}.
 *
 * <p>Four build slots instead of two, so that a test holding builds (a hanging build, a held gate)
 * never makes a later test wait for a slot.
 */
public final class FastFarm {

    private static TestBuildFarm shared;
    private static RuntimeException failedToStart;

    private FastFarm() {
    }

    public static synchronized TestBuildFarm shared() {
        if (failedToStart != null) {
            throw new IllegalStateException("the shared in-memory build farm failed to start", failedToStart);
        }
        if (shared == null) {
            try {
                shared = TestBuildFarm.startInMemory(Map.of("skyport.build-farm.builds.max-parallel", "4"));
            } catch (RuntimeException e) {
                failedToStart = e;
                throw e;
            }
            TestBuildFarm farm = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(farm::close, "fast-farm-close"));
        }
        return shared;
    }
}
