package dev.skyport.gateway.filter;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/**
 * {@code RouteMetrics=<app>,<prefix>} in a configured route (the platform routes): the same timers as the
 * Redis routes get, under fixed tags.
 */
public final class RouteMetricsGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RouteMetricsGatewayFilterFactory.Config> {

    private final RouteMeters meters;

    public RouteMetricsGatewayFilterFactory(RouteMeters meters) {
        super(Config.class);
        this.meters = meters;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("app", "prefix");
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new RouteMetricsFilter(meters, config.getApp(), config.getPrefix());
    }

    /** The tags: a label for the owner of the route, and its prefix. */
    public static final class Config {
        private String app;
        private String prefix;

        public String getApp() {
            return app;
        }

        public void setApp(String app) {
            this.app = app;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }
    }
}
