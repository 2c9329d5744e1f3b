package dev.skyport.gateway.filter;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.Route;

/**
 * Spring Cloud Gateway's filter chain, with the sorted global + route filters of an indexed route computed once
 * and kept on the route itself. The stock cache keys a map by route and is only cleared by a full refresh, so
 * with routes replaced live it would grow without end; this one goes away with the route.
 */
public final class IndexedFilteringWebHandler extends FilteringWebHandler {

    /** Route metadata key holding the route's {@link FilterChainSlot}. */
    public static final String CHAIN_SLOT = "skyport.filterChain";

    public IndexedFilteringWebHandler(List<GlobalFilter> globalFilters) {
        super(globalFilters, false);
    }

    @Override
    protected List<GatewayFilter> getCombinedFilters(Route route) {
        if (route.getMetadata().get(CHAIN_SLOT) instanceof FilterChainSlot slot) {
            List<GatewayFilter> filters = slot.filters;
            if (filters == null) {
                filters = List.copyOf(getAllFilters(route)); // a race computes the same list twice, harmlessly
                slot.filters = filters;
            }
            return filters;
        }
        return super.getCombinedFilters(route);
    }

    /** Holds one route's combined filter list once computed. */
    public static final class FilterChainSlot {
        private volatile List<GatewayFilter> filters;

        @Override
        public String toString() {
            return "FilterChainSlot";
        }
    }
}
