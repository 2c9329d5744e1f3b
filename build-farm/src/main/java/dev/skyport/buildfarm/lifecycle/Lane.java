package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory state that serialises one microservice's decisions. The rule: every read-decide-write
 * of its records and every change of the fields below happens inside {@link #locked}; no driver call
 * (and no other slow I/O) ever does. Work that spans a driver call notes what it expects (the
 * {@link #generation}, the {@link #stops} count), releases the lock for the call, and checks again under
 * the lock before it writes.
 */
final class Lane {

    private final MicroserviceKey key;
    private final ReentrantLock lock = new ReentrantLock();
    /** The one deployment waiting to build; a newer deploy replaces it. */
    private String pending;
    private boolean workerActive;
    /** Bumped by delete, so work begun before it never writes after it. Read without the lock by log sinks. */
    private volatile long generation;
    private BuildCancellation activeBuild;
    /** The deployment whose instance is being started right now, or null. */
    private String starting;
    /** Counts stops, so a start that overlapped one can tell that it lost. */
    private long stops;

    Lane(MicroserviceKey key) {
        this.key = key;
    }

    MicroserviceKey key() {
        return key;
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void withLock(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    // Everything below is called with the lock held (generation may also be read without it).

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

    long generation() {
        return generation;
    }

    /** Delete: forgets queued work, cancels the build in progress, invalidates running work. */
    void invalidate() {
        generation++;
        pending = null;
        if (activeBuild != null) {
            activeBuild.cancel();
        }
    }

    BuildCancellation activeBuild() {
        return activeBuild;
    }

    void activeBuild(BuildCancellation cancellation) {
        activeBuild = cancellation;
    }

    String starting() {
        return starting;
    }

    void starting(String deploymentId) {
        starting = deploymentId;
    }

    long stops() {
        return stops;
    }

    void noteStop() {
        stops++;
    }

    /** The deployment's log sink, which goes quiet once the microservice is deleted (its stream stays gone). */
    BuildLog logOf(BuildLogs logs, String deploymentId, long expectedGeneration) {
        return line -> {
            if (generation == expectedGeneration) {
                logs.line(deploymentId, line);
            }
        };
    }

    /** Whether work of this process owns the microservice right now (a build, or a start). */
    boolean busy() {
        return workerActive || starting != null;
    }
}
