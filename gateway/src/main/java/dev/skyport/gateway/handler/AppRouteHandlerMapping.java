package dev.skyport.gateway.handler;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_HANDLER_MAPPER_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.skyport.api.error.ApiError;
import dev.skyport.api.route.HostNames;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.gateway.config.SkyportGatewayProperties;
import dev.skyport.gateway.route.AppRoutes;
import dev.skyport.gateway.route.RoutingTable;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.route.ServedRoute;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * Routes app traffic with the index instead of Spring Cloud Gateway's scan over every route's predicates:
 * the host picks the app, the longest whole-segment prefix picks the route, and the chosen
 * {@link org.springframework.cloud.gateway.route.Route} goes to Spring Cloud Gateway's
 * {@link FilteringWebHandler}, whose global and route filters forward it.
 *
 * <p>Paths under {@code /_} belong to the platform: they are left to the configured Spring Cloud Gateway
 * routes. A path no app route matches gets a JSON 404 here, without scanning anything.
 */
public final class AppRouteHandlerMapping extends AbstractHandlerMapping {

    private final RoutingTableHolder table;
    private final FilteringWebHandler forwarder;
    private final ErrorResponses errors;
    private final String appsDomain;
    private final String defaultApp;
    private final ManagementPort managementPort;

    public AppRouteHandlerMapping(RoutingTableHolder table, FilteringWebHandler forwarder, ErrorResponses errors,
            SkyportGatewayProperties properties, ManagementPort managementPort) {
        this.table = table;
        this.forwarder = forwarder;
        this.errors = errors;
        this.appsDomain = HostNames.normalize(properties.appsDomain());
        this.defaultApp = properties.defaultApp();
        this.managementPort = managementPort;
        setOrder(Ordered.HIGHEST_PRECEDENCE + 100); // before Spring Cloud Gateway's own mapping (order 1)
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        String path = exchange.getRequest().getURI().getRawPath();
        if (RoutePrefix.isReserved(path) || isManagementRequest(exchange)) {
            return Mono.empty();
        }
        RoutingTable current = table.get();
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        String app = current.appForHost(host, appsDomain, defaultApp);
        AppRoutes routes = current.app(app);
        ServedRoute match = routes == null ? null : routes.match(path);
        if (match == null) {
            return Mono.just(current.loaded() ? notFound(path, host, app) : notLoaded());
        }
        exchange.getAttributes().put(GATEWAY_HANDLER_MAPPER_ATTR, "AppRouteHandlerMapping");
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, match.route());
        return Mono.just(forwarder);
    }

    private boolean isManagementRequest(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local != null && managementPort.is(local.getPort());
    }

    private WebHandler notFound(String path, String host, String app) {
        return exchange -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("path", path);
            details.put("host", host == null ? "" : host);
            String message;
            if (app == null) {
                message = "no app serves host '" + HostNames.normalize(host) + "'; map the domain to an app"
                        + (appsDomain.isEmpty() ? "" : " or use <app>." + appsDomain);
            } else {
                details.put("app", app);
                message = "no route of app '" + app + "' matches " + path
                        + "; 'skycli app status' lists the app's paths";
            }
            return errors.write(exchange, HttpStatus.NOT_FOUND, new ApiError("route_not_found", message, details));
        };
    }

    private WebHandler notLoaded() {
        return exchange -> errors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("routes_not_loaded",
                "the gateway has not loaded its routes from Redis yet; try again shortly"));
    }
}
