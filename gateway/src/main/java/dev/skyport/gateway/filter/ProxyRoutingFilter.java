package dev.skyport.gateway.filter;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Forwards a routed request upstream with Reactor Netty, in place of Spring Cloud Gateway's
 * {@link NettyRoutingFilter} and with the same contract towards the rest of the chain: it runs last,
 * marks the exchange routed, puts the upstream response and connection in the exchange attributes, and
 * leaves writing the body to {@code NettyWriteResponseFilter}.
 *
 * <p>What differs is how headers move: once each way, through {@link ProxyHeadersFilter}'s rules, from the
 * client's request straight into the upstream request's Netty headers and from the upstream's Netty
 * headers straight into the response. The stock filter builds two case-insensitive Spring header maps per
 * direction and copies between them, which a profile put at about a tenth of the gateway's CPU. The
 * connect timeout is set on the client once instead of copying the client per request.
 */
public final class ProxyRoutingFilter implements GlobalFilter, Ordered {

    private final HttpClient client;
    private final HttpClient unconfiguredClient;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final ProxyHeadersFilter requestRules;

    /**
     * @param idleTimeout how long an exchange may move no bytes in either direction (see
     *                    {@link ExchangeTimeoutHandler}); null or not positive: no limit
     */
    public ProxyRoutingFilter(HttpClient httpClient, HttpClientProperties properties, Duration idleTimeout,
            ProxyHeadersFilter requestRules) {
        this.unconfiguredClient = httpClient;
        this.client = properties.getConnectTimeout() == null ? httpClient
                : httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, properties.getConnectTimeout());
        this.responseTimeout = properties.getResponseTimeout();
        this.idleTimeout = idleTimeout == null || idleTimeout.isZero() || idleTimeout.isNegative() ? null : idleTimeout;
        this.requestRules = requestRules;
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        String scheme = url.getScheme();
        if (isAlreadyRouted(exchange) || !"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        ServerHttpRequest request = exchange.getRequest();
        Route route = exchange.getRequiredAttribute(GATEWAY_ROUTE_ATTR);

        DefaultHttpHeaders upstreamHeaders = new DefaultHttpHeaders();
        requestRules.copy(request.getHeaders(), exchange, upstreamHeaders);
        upstreamHeaders.remove(HttpHeaders.HOST); // Netty sets it from the URL, unless the route keeps the client's
        if (exchange.getAttributeOrDefault(PRESERVE_HOST_HEADER_ATTRIBUTE, false)) {
            String host = request.getHeaders().getFirst(HttpHeaders.HOST);
            if (host != null) {
                upstreamHeaders.add(HttpHeaders.HOST, host);
            }
        }

        Duration timeout = responseTimeout(route);
        Flux<HttpClientResponse> response = clientFor(route)
                .headers(headers -> headers.add(upstreamHeaders))
                .request(HttpMethod.valueOf(request.getMethod().name()))
                .uri(url.toASCIIString())
                .send((ignored, outbound) -> outbound
                        .withConnection(connection -> watch(connection, timeout))
                        .send(request.getBody().map(ProxyRoutingFilter::byteBuf)))
                .responseConnection((upstream, connection) -> {
                    // The body is written later, by NettyWriteResponseFilter, once the route filters have run.
                    exchange.getAttributes().put(CLIENT_RESPONSE_ATTR, upstream);
                    exchange.getAttributes().put(CLIENT_RESPONSE_CONN_ATTR, connection);
                    String contentType = upstream.responseHeaders().get(HttpHeaders.CONTENT_TYPE);
                    if (contentType != null && !contentType.isEmpty()) {
                        exchange.getAttributes().put(ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR, contentType);
                    }
                    ServerHttpResponse toClient = exchange.getResponse();
                    if (!toClient.isCommitted()) {
                        toClient.setStatusCode(HttpStatusCode.valueOf(upstream.status().code()));
                        ProxyHeadersFilter.copyResponse(upstream.responseHeaders(), toClient.getHeaders());
                    }
                    return Mono.just(upstream);
                });

        return response
                .onErrorMap(UpstreamTimeoutException.class,
                        e -> new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, e.getMessage(), e))
                .then(chain.filter(exchange));
    }

    /**
     * Times this exchange on its upstream connection: the response timeout from the end of the request body, not
     * from its start, so long uploads are not cut; the idle timeout while bytes are expected to flow. Reactor
     * Netty removes the handler when the exchange ends, before the connection goes back to the pool.
     */
    private void watch(Connection connection, Duration responseTimeout) {
        if (responseTimeout == null && idleTimeout == null) {
            return;
        }
        connection.removeHandler(ExchangeTimeoutHandler.NAME); // never the previous exchange's timers
        connection.addHandlerLast(ExchangeTimeoutHandler.NAME, new ExchangeTimeoutHandler(responseTimeout, idleTimeout));
    }

    /**
     * The shared client; a route with its own connect timeout (route metadata) gets a configured copy.
     * Unreadable metadata falls back to the global settings, as in Spring Cloud Gateway.
     */
    private HttpClient clientFor(Route route) {
        Object connectTimeout = route.getMetadata().get(CONNECT_TIMEOUT_ATTR);
        if (connectTimeout == null) {
            return client;
        }
        try {
            return unconfiguredClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                    Integer.parseInt(connectTimeout.toString()));
        } catch (NumberFormatException unreadable) {
            return client;
        }
    }

    private Duration responseTimeout(Route route) {
        Object routeTimeout = route.getMetadata().get(RESPONSE_TIMEOUT_ATTR);
        if (routeTimeout == null) {
            return responseTimeout;
        }
        try {
            long millis = Long.parseLong(routeTimeout.toString());
            return millis < 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException unreadable) {
            return responseTimeout;
        }
    }

    private static ByteBuf byteBuf(DataBuffer buffer) {
        if (buffer instanceof NettyDataBuffer netty) {
            return netty.getNativeBuffer();
        }
        throw new IllegalArgumentException("unexpected request body buffer " + buffer.getClass().getName());
    }
}
