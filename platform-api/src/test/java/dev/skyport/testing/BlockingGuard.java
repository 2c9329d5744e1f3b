package dev.skyport.testing;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proof that BlockHound watches this test JVM: a sleep on a non-blocking thread must fail. */
public final class BlockingGuard {

    private BlockingGuard() {
    }

    /** Throws unless BlockHound refuses a blocking call on Reactor's parallel (non-blocking) scheduler. */
    public static void assertInstalled() {
        try {
            Mono.fromCallable(() -> {
                Thread.sleep(1);
                return "slept";
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            if (e.toString().contains("BlockingOperationError") || String.valueOf(e.getCause()).contains("BlockingOperationError")) {
                return;
            }
            throw e;
        }
        throw new AssertionError("BlockHound is not installed: a sleep on a non-blocking thread went through;"
                + " add io.projectreactor.tools:blockhound-junit-platform to the module's test dependencies");
    }
}
