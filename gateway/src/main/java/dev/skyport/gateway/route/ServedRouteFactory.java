package dev.skyport.gateway.route;

import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.gateway.filter.IndexedFilteringWebHandler;
import dev.skyport.gateway.filter.RouteMeters;
import dev.skyport.gateway.filter.RouteMetricsFilter;
import dev.skyport.gateway.filter.UpstreamUrlFilter;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;

/**
 * Builds the Spring Cloud Gateway {@link Route} for one Redis route, once, when the table changes: its URI is
 * the upstream, its filters time the request and compute the upstream URL. The index has already chosen it, so its
 * predicate accepts everything.
 */
public final class ServedRouteFactory {

    private final RouteMeters meters;

    public ServedRouteFactory(RouteMeters meters) {
        this.meters = meters;
    }

    public ServedRoute create(String app, RoutePrefix prefix, RouteRecord record, String rawValue) {
        boolean strip = record.stripPrefix() && !prefix.isRoot();
        List<GatewayFilter> filters = List.of(
                new RouteMetricsFilter(meters, app, prefix.value()),
                new UpstreamUrlFilter(record.target(), strip ? prefix.value() : null));
        Route route = Route.async()
                .id(app + ":" + prefix.value())
                .uri(record.target())
                .predicate(exchange -> true)
                .filters(filters)
                .metadata("skyport.app", app)
                .metadata("skyport.service", record.service())
                .metadata(IndexedFilteringWebHandler.CHAIN_SLOT, new IndexedFilteringWebHandler.FilterChainSlot())
                .build();
        return new ServedRoute(app, prefix, record, rawValue, route);
    }
}
