package dev.skyport.gateway.ops;

import dev.skyport.gateway.route.RoutingTable;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.sync.SyncStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness of the routing table. {@code UP}: loaded and in step with Redis. {@code DEGRADED} (still ready,
 * HTTP 200): Redis is away and the last known routes are served. {@code OUT_OF_SERVICE}: nothing was ever
 * loaded, so this instance should not take traffic yet.
 */
public final class RoutesHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "serving the last known routes; Redis is unreachable");

    private final RoutingTableHolder table;
    private final SyncStatus sync;

    public RoutesHealthIndicator(RoutingTableHolder table, SyncStatus sync) {
        this.table = table;
        this.sync = sync;
    }

    @Override
    public Health health() {
        RoutingTable current = table.get();
        Health.Builder health;
        if (!current.loaded()) {
            health = Health.outOfService().withDetail("reason", "routes not loaded from Redis yet");
        } else if (!sync.isRedisUp()) {
            health = Health.status(DEGRADED);
        } else {
            health = Health.up();
        }
        health.withDetail("redis", sync.isRedisUp() ? "connected" : "unreachable")
                .withDetail("apps", current.apps().size())
                .withDetail("routes", current.routeCount());
        if (sync.lastSync() != null) {
            health.withDetail("lastFullSync", sync.lastSync().toString());
        }
        if (sync.lastError() != null) {
            health.withDetail("lastError", sync.lastError());
        }
        return health.build();
    }
}
