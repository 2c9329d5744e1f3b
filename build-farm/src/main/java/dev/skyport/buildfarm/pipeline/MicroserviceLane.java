package dev.skyport.buildfarm.pipeline;

import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory state that serialises one microservice: a lock around every change of its records,
 * the one deployment waiting to build (a newer deploy replaces it), whether a worker is on it, and a
 * generation that a delete bumps so that work begun before the delete never writes after it.
 */
public final class MicroserviceLane {

    private final MicroserviceKey key;
    private final ReentrantLock lock = new ReentrantLock();
    private String pending;
    private boolean workerActive;
    private volatile long generation;
    private BuildCancellation activeBuild;
    private String starting;
    private long stops;

    MicroserviceLane(MicroserviceKey key) {
        this.key = key;
    }

    public MicroserviceKey key() {
        return key;
    }

    /** Runs {@code body} holding the lane's lock. */
    public <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    public void withLock(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    // The accessors below are called with the lock held.

    String pending() {
        return pending;
    }

    /** Sets the deployment waiting to build; returns the one it replaces, or null. */
    String replacePending(String deploymentId) {
        String previous = pending;
        pending = deploymentId;
        return previous;
    }

    String takePending() {
        String id = pending;
        pending = null;
        return id;
    }

    boolean workerActive() {
        return workerActive;
    }

    void workerActive(boolean active) {
        workerActive = active;
    }

    /** Readable without the lock (a log sink checks it per line); changed only under it. */
    public long generation() {
        return generation;
    }

    /** Called by delete: forgets queued work, cancels the build in progress, invalidates running work. */
    public void invalidate() {
        generation++;
        pending = null;
        if (activeBuild != null) {
            activeBuild.cancel();
        }
    }

    void activeBuild(BuildCancellation cancellation) {
        activeBuild = cancellation;
    }

    BuildCancellation activeBuild() {
        return activeBuild;
    }

    /** The deployment whose instance is starting right now, or null. */
    public String starting() {
        return starting;
    }

    /** Marks (or clears, with null) the deployment whose instance is being started. */
    public void starting(String deploymentId) {
        starting = deploymentId;
    }

    /** Counts stop requests, so a start that overlapped one can tell that it lost. */
    public long stops() {
        return stops;
    }

    public void noteStop() {
        stops++;
    }

}
