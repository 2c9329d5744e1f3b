package dev.skyport.gateway.config;

import dev.skyport.gateway.filter.ForwardedHeadersFilter;
import dev.skyport.gateway.filter.IndexedFilteringWebHandler;
import dev.skyport.gateway.filter.RouteMeters;
import dev.skyport.gateway.handler.AppRouteHandlerMapping;
import dev.skyport.gateway.handler.ErrorResponses;
import dev.skyport.gateway.handler.ManagementPort;
import dev.skyport.gateway.handler.UpstreamErrorHandler;
import dev.skyport.gateway.ops.RoutesEndpoint;
import dev.skyport.gateway.ops.RoutesHealthIndicator;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.route.ServedRouteFactory;
import dev.skyport.gateway.sync.AppRoutesLoader;
import dev.skyport.gateway.sync.RouteSync;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.cloud.gateway.filter.GlobalFilter;
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
    UpstreamErrorHandler upstreamErrorHandler(ErrorResponses errors) {
        return new UpstreamErrorHandler(errors);
    }

    @Bean
    ForwardedHeadersFilter forwardedHeadersFilter(SkyportGatewayProperties properties) {
        return new ForwardedHeadersFilter(properties.trustedProxiesPattern());
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
