package dev.skyport.gateway.route;

import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.gateway.filter.IndexedFilteringWebHandler;
import dev.skyport.gateway.filter.RouteMeters;
import dev.skyport.gateway.filter.RouteMetricsFilter;
import dev.skyport.gateway.filter.StripPrefixFilter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;

/**
 * Builds the Spring Cloud Gateway {@link Route} for one Redis route, once, when the table changes: its URI is
 * the upstream, its filters strip the prefix and time the request. The index has already chosen it, so its
 * predicate accepts everything.
 */
public final class ServedRouteFactory {

    private final RouteMeters meters;

    public ServedRouteFactory(RouteMeters meters) {
        this.meters = meters;
    }

    public ServedRoute create(String app, RoutePrefix prefix, RouteRecord record, String rawValue) {
        List<GatewayFilter> filters = new ArrayList<>(2);
        filters.add(new RouteMetricsFilter(meters, app, prefix.value()));
        if (record.stripPrefix() && !prefix.isRoot()) {
            filters.add(new StripPrefixFilter(prefix.value()));
        }
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
