package dev.skyport.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Removes a route's matched prefix from the path: {@code /api/login} → {@code /login}, {@code /api} → {@code /}.
 * The query string is untouched. The original URL is recorded the way Spring Cloud Gateway's own filters do,
 * which is what {@link ForwardedHeadersFilter} derives {@code X-Forwarded-Prefix} from.
 */
public final class StripPrefixFilter implements GatewayFilter, Ordered {

    /** Before Spring Cloud Gateway's RouteToRequestUrlFilter (10000) builds the upstream URL. */
    public static final int ORDER = 0;

    private final String prefix;

    /** @param prefix a normalized, non-root prefix that the request path is known to start with */
    public StripPrefixFilter(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "/";
        addOriginalRequestUrl(exchange, request.getURI());
        ServerHttpRequest stripped = request.mutate().path(rest).build();
        return chain.filter(exchange.mutate().request(stripped).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return "StripPrefix[" + prefix + "]";
    }
}
