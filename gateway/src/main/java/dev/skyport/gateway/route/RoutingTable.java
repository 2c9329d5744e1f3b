package dev.skyport.gateway.route;

import dev.skyport.api.route.HostNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one gateway routes by, immutable: the routes of every app and the custom-domain map.
 * Changes make a new table that replaces the old one in a single reference swap, so a request
 * always sees one consistent version.
 *
 * @param loaded   whether a full load from Redis ever succeeded (before that the gateway knows nothing)
 * @param syncedAt when the last full load succeeded
 */
public record RoutingTable(Map<String, AppRoutes> apps, Map<String, String> domains, boolean loaded, Instant syncedAt) {

    public static final RoutingTable EMPTY = new RoutingTable(Map.of(), Map.of(), false, null);

    public RoutingTable {
        apps = Map.copyOf(apps);
        domains = Map.copyOf(domains);
    }

    public AppRoutes app(String name) {
        return name == null ? null : apps.get(name);
    }

    public RoutingTable withApp(String name, AppRoutes routes) {
        Map<String, AppRoutes> next = new HashMap<>(apps);
        if (routes.size() == 0) {
            next.remove(name);
        } else {
            next.put(name, routes);
        }
        return new RoutingTable(next, domains, loaded, syncedAt);
    }

    /** The app a request for {@code host} belongs to: a custom domain, then {@code <app>.<appsDomain>}, then the default. */
    public String appForHost(String host, String appsDomain, String defaultApp) {
        String h = HostNames.normalize(host);
        String mapped = domains.get(h);
        if (mapped != null) {
            return mapped;
        }
        if (!appsDomain.isEmpty() && h.length() > appsDomain.length() + 1 && h.endsWith(appsDomain)
                && h.charAt(h.length() - appsDomain.length() - 1) == '.') {
            String label = h.substring(0, h.length() - appsDomain.length() - 1);
            if (label.indexOf('.') < 0) {
                return label;
            }
        }
        return defaultApp.isEmpty() ? null : defaultApp;
    }

    public int routeCount() {
        return apps.values().stream().mapToInt(AppRoutes::size).sum();
    }
}
