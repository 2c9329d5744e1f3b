package dev.skyport.gateway.route;

import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import org.springframework.cloud.gateway.route.Route;

/**
 * One route this gateway serves: what Redis said ({@code record}, and the raw JSON it came from, so an
 * unchanged value is not rebuilt on reload) and the Spring Cloud Gateway {@link Route} built from it once.
 */
public record ServedRoute(String app, RoutePrefix prefix, RouteRecord record, String rawValue, Route route) {
}
