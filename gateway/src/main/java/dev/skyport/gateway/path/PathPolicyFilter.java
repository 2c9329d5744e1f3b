package dev.skyport.gateway.path;

import dev.skyport.api.error.ApiError;
import dev.skyport.api.route.HostNames;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.gateway.handler.ErrorResponses;
import dev.skyport.gateway.handler.ManagementPort;
import dev.skyport.gateway.route.RoutingTableHolder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ambiguous paths with a JSON 400 before any handler mapping sees them (web filters run before
 * {@code DispatcherHandler}), so the path the gateway routes on is the path the upstream reads (§3.8).
 * Platform paths ({@code /_...}) and apps are checked {@link PathPolicy#STRICT}ly unless the app is listed in
 * {@code skyport.gateway.path-policy.relaxed-apps}.
 */
public final class PathPolicyFilter implements WebFilter, Ordered {

    private final RoutingTableHolder table;
    private final PathPolicyProperties policies;
    private final ErrorResponses errors;
    private final ManagementPort managementPort;
    private final String appsDomain;
    private final String defaultApp;

    public PathPolicyFilter(RoutingTableHolder table, PathPolicyProperties policies, ErrorResponses errors,
            ManagementPort managementPort, String appsDomain, String defaultApp) {
        this.table = table;
        this.policies = policies;
        this.errors = errors;
        this.managementPort = managementPort;
        this.appsDomain = HostNames.normalize(appsDomain);
        this.defaultApp = defaultApp;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (isManagementRequest(request)) {
            return chain.filter(exchange);
        }
        String path = request.getURI().getRawPath();
        Optional<PathProblem> problem = AmbiguousPaths.find(path, policyFor(request, path));
        if (problem.isEmpty()) {
            return chain.filter(exchange);
        }
        return errors.write(exchange, HttpStatus.BAD_REQUEST, new ApiError("ambiguous_path",
                problem.get().message(), Map.of("path", path, "rule", problem.get().rule())));
    }

    private PathPolicy policyFor(ServerHttpRequest request, String path) {
        // "/%5F..." is "/_..." once decoded: platform paths stay strict however their first byte is spelled.
        if (RoutePrefix.isReserved(path) || path.regionMatches(true, 0, "/%5F", 0, 4)) {
            return PathPolicy.STRICT;
        }
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        return policies.policyFor(table.get().appForHost(host, appsDomain, defaultApp));
    }

    private boolean isManagementRequest(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        return local != null && managementPort.is(local.getPort());
    }
}
