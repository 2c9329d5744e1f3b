package dev.skyport.buildfarm.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lets the pipeline abort a build in progress (the microservice was deleted, the build farm stops). */
public final class BuildCancellation {

    private final List<Closeable> onCancel = new ArrayList<>();
    private boolean cancelled;

    public synchronized void cancel() {
        cancelled = true;
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
