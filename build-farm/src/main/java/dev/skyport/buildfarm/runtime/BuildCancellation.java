package dev.skyport.buildfarm.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the lifecycle abort a build in progress: the microservice was deleted (the build's work goes),
 * or the build farm stops (a driver whose builds run elsewhere leaves them running, for the next start
 * to adopt).
 */
public final class BuildCancellation {

    private final List<Closeable> onCancel = new ArrayList<>();
    private boolean cancelled;
    private boolean shutdown;

    /** The build's work is no longer wanted. */
    public void cancel() {
        cancel(false);
    }

    /** The build farm stops; the build itself may go on where it runs. */
    public void cancelForShutdown() {
        cancel(true);
    }

    /** Whether the cancel came from a shutdown rather than from a delete. */
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    private synchronized void cancel(boolean forShutdown) {
        cancelled = true;
        shutdown = forShutdown;
        for (Closeable closeable : onCancel) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                // the build is being abandoned; nothing to add
            }
        }
        onCancel.clear();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers what to close on cancel; closes it at once when already cancelled. */
    public synchronized void whenCancelled(Closeable closeable) {
        if (cancelled) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                // already abandoned
            }
            return;
        }
        onCancel.add(closeable);
    }
}
