package dev.skyport.gateway.sync;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs reloads one at a time, so a full resync and an app reload can never overwrite each other's newer data.
 * Requests coalesce: ten announcements for one app while a reload runs make one more reload, and a pending
 * full resync absorbs every pending app reload.
 */
final class SyncLane {

    private static final Logger log = LoggerFactory.getLogger(SyncLane.class);

    private final Function<String, Mono<Void>> reloadApp;
    private final Supplier<Mono<Void>> reloadAll;
    private final Scheduler scheduler;

    private final Set<String> pendingApps = new LinkedHashSet<>();
    private boolean fullPending;
    private boolean running;

    SyncLane(Function<String, Mono<Void>> reloadApp, Supplier<Mono<Void>> reloadAll, Scheduler scheduler) {
        this.reloadApp = reloadApp;
        this.reloadAll = reloadAll;
        this.scheduler = scheduler;
    }

    void requestApp(String app) {
        synchronized (this) {
            pendingApps.add(app);
            if (running) {
                return;
            }
            running = true;
        }
        scheduler.schedule(this::runNext);
    }

    void requestAll() {
        synchronized (this) {
            fullPending = true;
            if (running) {
                return;
            }
            running = true;
        }
        scheduler.schedule(this::runNext);
    }

    private void runNext() {
        Mono<Void> job;
        String what;
        synchronized (this) {
            if (fullPending) {
                fullPending = false;
                pendingApps.clear();
                what = "full resync";
                job = Mono.defer(reloadAll);
            } else if (!pendingApps.isEmpty()) {
                Iterator<String> next = pendingApps.iterator();
                String app = next.next();
                next.remove();
                what = "reload of app " + app;
                job = Mono.defer(() -> reloadApp.apply(app));
            } else {
                running = false;
                return;
            }
        }
        job.onErrorResume(e -> {
            log.debug("Route {} failed: {}", what, e.toString());
            return Mono.empty();
        }).doFinally(signal -> scheduler.schedule(this::runNext)).subscribe();
    }
}
