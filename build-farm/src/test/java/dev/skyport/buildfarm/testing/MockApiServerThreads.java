package dev.skyport.buildfarm.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * fabric8's mock Kubernetes API server runs on Vert.x event loops and reads files and blocks there; it
 * is test scaffolding, not the build farm, so BlockHound does not judge its threads. The build farm's
 * own event loops (Reactor Netty's) are still watched.
 */
public final class MockApiServerThreads implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.and(thread -> !thread.getName().startsWith("vert.x-")));
    }

    /** Last, after Netty's own integration, which marks every Netty thread (Vert.x's too) non-blocking. */
    @Override
    public int compareTo(BlockHoundIntegration other) {
        return other == this ? 0 : 1;
    }
}
