package dev.skyport.gateway.ops;

import dev.skyport.gateway.route.AppRoutes;
import dev.skyport.gateway.route.RoutingTable;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.route.ServedRoute;
import dev.skyport.gateway.sync.SyncStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.cloud.gateway.route.RouteLocator;

/** {@code /actuator/skyportroutes}: read-only, what this instance routes right now. */
@Endpoint(id = "skyportroutes")
public final class RoutesEndpoint {

    private final RoutingTableHolder table;
    private final SyncStatus sync;
    private final RouteLocator platformRoutes;

    public RoutesEndpoint(RoutingTableHolder table, SyncStatus sync, RouteLocator platformRoutes) {
        this.table = table;
        this.sync = sync;
        this.platformRoutes = platformRoutes;
    }

    @ReadOperation
    public Map<String, Object> routes() {
        RoutingTable current = table.get();
        Map<String, Object> apps = new TreeMap<>();
        current.apps().forEach((name, routes) -> apps.put(name, describe(routes)));
        List<Map<String, Object>> platform = new ArrayList<>();
        platformRoutes.getRoutes().toStream().forEach(route -> platform.add(Map.of(
                "id", route.getId(), "uri", route.getUri().toString(), "predicate", route.getPredicate().toString())));
        return Map.of(
                "loaded", current.loaded(),
                "redis", sync.isRedisUp() ? "connected" : "unreachable",
                "lastFullSync", String.valueOf(sync.lastSync()),
                "routeCount", current.routeCount(),
                "domains", new TreeMap<>(current.domains()),
                "apps", apps,
                "platform", platform);
    }

    @ReadOperation
    public Map<String, Object> app(@Selector String app) {
        AppRoutes routes = table.get().app(app);
        return Map.of("app", app, "routes", routes == null ? List.of() : describe(routes));
    }

    private static List<Map<String, Object>> describe(AppRoutes routes) {
        return routes.all().stream()
                .sorted(Comparator.comparing((ServedRoute r) -> r.prefix().value()))
                .map(r -> Map.<String, Object>of(
                        "prefix", r.prefix().value(),
                        "service", r.record().service(),
                        "target", r.record().target().toString(),
                        "stripPrefix", r.record().stripPrefix(),
                        "deploymentId", String.valueOf(r.record().deploymentId()),
                        "updatedAt", r.record().updatedAt().toString()))
                .toList();
    }
}
