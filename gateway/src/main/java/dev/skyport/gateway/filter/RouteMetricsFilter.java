package dev.skyport.gateway.filter;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/** Times every request of one route, including writing the response back, into its {@link RouteMeters} timers. */
public final class RouteMetricsFilter implements GatewayFilter, Ordered {

    /** Outside NettyWriteResponseFilter, so the time includes streaming the body to the client. */
    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final RouteMeters meters;
    private final String app;
    private final String prefix;
    private final Timer[] slots;

    public RouteMetricsFilter(RouteMeters meters, String app, String prefix) {
        this.meters = meters;
        this.app = app;
        this.prefix = prefix;
        this.slots = meters.slotsFor(app, prefix);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            int slot = signal == SignalType.ON_ERROR || status == null
                    ? RouteMeters.slot(0) : RouteMeters.slot(status.value());
            meters.timer(slots, app, prefix, slot)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public int getOrder() {
        return RouteMetricsFilter.ORDER;
    }
}
