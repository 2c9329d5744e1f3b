package dev.skyport.buildfarm.testing.memory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds one driver call until released (or until its own deadline), and tells when the call arrived. */
public final class Gate {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Duration holdAtMost;

    Gate(Duration holdAtMost) {
        this.holdAtMost = holdAtMost;
    }

    /** Called by the driver: blocks the call here. */
    void pass() {
        entered.countDown();
        try {
            released.await(holdAtMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a call reached the gate. */
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean entered() {
        return entered.getCount() == 0;
    }

    public void release() {
        released.countDown();
    }
}
