package dev.skyport.gateway.config;

import dev.skyport.gateway.filter.IndexedFilteringWebHandler;
import dev.skyport.gateway.filter.IndexedRouteToRequestUrlFilter;
import dev.skyport.gateway.filter.ProxyHeadersFilter;
import dev.skyport.gateway.filter.ProxyRoutingFilter;
import dev.skyport.gateway.filter.ResponseWritingFilter;
import dev.skyport.gateway.filter.RouteMeters;
import dev.skyport.gateway.filter.RouteMetricsGatewayFilterFactory;
import dev.skyport.gateway.handler.AppRouteHandlerMapping;
import dev.skyport.gateway.handler.ErrorResponses;
import dev.skyport.gateway.handler.ManagementPort;
import dev.skyport.gateway.handler.UpstreamErrorHandler;
import dev.skyport.gateway.ops.RoutesEndpoint;
import dev.skyport.gateway.path.PathPolicyFilter;
import dev.skyport.gateway.path.PathPolicyProperties;
import dev.skyport.gateway.ops.RoutesHealthIndicator;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.route.ServedRouteFactory;
import dev.skyport.gateway.sync.AppRoutesLoader;
import dev.skyport.gateway.sync.RouteSync;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import reactor.netty.http.client.HttpClient;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    RoutingTableHolder routingTableHolder() {
        return new RoutingTableHolder();
    }

    @Bean
    RouteMeters routeMeters(MeterRegistry registry) {
        return new RouteMeters(registry);
    }

    @Bean
    RouteMetricsGatewayFilterFactory routeMetricsGatewayFilterFactory(RouteMeters meters) {
        return new RouteMetricsGatewayFilterFactory(meters);
    }

    /** Fail fast while Redis is away instead of queueing reads; the last table keeps serving meanwhile. */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    RouteSync routeSync(LettuceConnectionFactory redis, RoutingTableHolder table, RouteMeters meters,
            SkyportGatewayProperties properties) {
        if (!(redis.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("The gateway reads routes from a standalone or Sentinel Redis; "
                    + "Redis Cluster is not supported. Set spring.data.redis.url (or host/port or sentinel.*).");
        }
        return new RouteSync(client, table, new AppRoutesLoader(new ServedRouteFactory(meters)), meters, properties);
    }

    @Bean
    FilteringWebHandler filteringWebHandler(List<GlobalFilter> globalFilters) {
        return new IndexedFilteringWebHandler(globalFilters);
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    ErrorResponses errorResponses() {
        return new ErrorResponses();
    }

    @Bean
    AppRouteHandlerMapping appRouteHandlerMapping(RoutingTableHolder table, FilteringWebHandler forwarder,
            ErrorResponses errors, SkyportGatewayProperties properties, ManagementPort managementPort) {
        return new AppRouteHandlerMapping(table, forwarder, errors, properties, managementPort);
    }

    @Bean
    PathPolicyFilter pathPolicyFilter(RoutingTableHolder table, PathPolicyProperties policies, ErrorResponses errors,
            ManagementPort managementPort, SkyportGatewayProperties properties) {
        return new PathPolicyFilter(table, policies, errors, managementPort, properties.appsDomain(),
                properties.defaultApp());
    }

    @Bean
    UpstreamErrorHandler upstreamErrorHandler(ErrorResponses errors) {
        return new UpstreamErrorHandler(errors);
    }

    /** The header rules of the proxy hop, in one pass each way (see ProxyHeadersFilter). */
    @Bean
    List<HttpHeadersFilter> proxyHeaderFilters(SkyportGatewayProperties properties) {
        return List.of(ProxyHeadersFilter.requests(properties.trustedProxiesPattern()), ProxyHeadersFilter.responses());
    }

    // The stock routing, response-writing and route-to-URL filters are switched off in application.yaml. The
    // routing filter is Skyport's (same contract, one header pass each way); the other two are Spring Cloud
    // Gateway's own, given Skyport's header rules and upstream URL.

    @Bean
    ProxyRoutingFilter proxyRoutingFilter(HttpClient httpClient, HttpClientProperties properties,
            SkyportGatewayProperties gateway) {
        return new ProxyRoutingFilter(httpClient, properties, gateway.idleTimeout(),
                ProxyHeadersFilter.requests(gateway.trustedProxiesPattern()));
    }

    @Bean
    NettyWriteResponseFilter proxyWriteResponseFilter(GatewayProperties properties,
            List<HttpHeadersFilter> proxyHeaderFilters) {
        return ResponseWritingFilter.create(properties.getStreamingMediaTypes(), proxyHeaderFilters);
    }

    @Bean
    RouteToRequestUrlFilter indexedRouteToRequestUrlFilter() {
        return new IndexedRouteToRequestUrlFilter();
    }

    /** Per-route timers replace the server observation; creating its context costs on every request. */
    @Bean
    WebHttpHandlerBuilderCustomizer noServerObservation() {
        return builder -> builder.observationRegistry(ObservationRegistry.NOOP);
    }

    @Bean
    RoutesHealthIndicator routesHealthIndicator(RoutingTableHolder table, RouteSync sync) {
        return new RoutesHealthIndicator(table, sync.status());
    }

    @Bean
    RoutesEndpoint routesEndpoint(RoutingTableHolder table, RouteSync sync, RouteLocator routeLocator) {
        return new RoutesEndpoint(table, sync.status(), routeLocator);
    }
}
