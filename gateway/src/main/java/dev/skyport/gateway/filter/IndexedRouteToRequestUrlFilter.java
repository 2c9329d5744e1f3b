package dev.skyport.gateway.filter;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Spring Cloud Gateway's RouteToRequestUrlFilter, standing aside when {@link UpstreamUrlFilter} already chose the URL. */
public final class IndexedRouteToRequestUrlFilter extends RouteToRequestUrlFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getAttribute(UpstreamUrlFilter.URL_CHOSEN_ATTR) != null) {
            return chain.filter(exchange);
        }
        return super.filter(exchange, chain);
    }
}
