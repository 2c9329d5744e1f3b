package dev.skyport.gateway.filter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-route request timers, tagged with the app and the route prefix only (never the raw path), plus the
 * status class: at most six series per route, created when the route first sees such a request. Timers of
 * routes that disappear are removed, so the series follow the routes served, not the history of the table.
 */
public final class RouteMeters {

    static final String NAME = "skyport.gateway.requests";
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "error"};

    private final MeterRegistry registry;
    private final Map<String, Timer[]> byRoute = new ConcurrentHashMap<>();

    public RouteMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The timer slots of one route; a slot is filled by {@link #timer} on first use. */
    Timer[] slotsFor(String app, String prefix) {
        return byRoute.computeIfAbsent(key(app, prefix), k -> new Timer[STATUS_CLASSES.length]);
    }

    Timer timer(Timer[] slots, String app, String prefix, int slot) {
        Timer timer = slots[slot];
        if (timer == null) {
            // A race registers the same meter twice; the registry hands back one instance.
            timer = Timer.builder(NAME)
                    .description("Requests forwarded by a Skyport route")
                    .tag("app", app).tag("route", prefix).tag("status", STATUS_CLASSES[slot])
                    .register(registry);
            slots[slot] = timer;
        }
        return timer;
    }

    /** Slot for an HTTP status, or the error slot when the exchange failed without one. */
    static int slot(int status) {
        int klass = status / 100;
        return klass >= 1 && klass <= 5 ? klass - 1 : STATUS_CLASSES.length - 1;
    }

    /** Drops the timers of routes that are no longer served. */
    public void removeAll(Set<String> keys) {
        for (String key : keys) {
            Timer[] slots = byRoute.remove(key);
            if (slots != null) {
                for (Timer timer : slots) {
                    if (timer != null) {
                        registry.remove(timer);
                    }
                }
            }
        }
    }

    public static String key(String app, String prefix) {
        return app + ' ' + prefix;
    }
}
