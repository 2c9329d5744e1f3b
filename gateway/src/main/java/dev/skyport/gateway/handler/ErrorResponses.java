package dev.skyport.gateway.handler;

import dev.skyport.api.error.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Writes the platform's JSON error body ({@code {"error": {...}}}) with a status. */
public final class ErrorResponses {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ApiError error) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        byte[] body = mapper.writeValueAsString(error.body()).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(onNextEventLoopTurn(exchange, buffer));
    }

    /*
     * Reactor Netty 1.3.6/1.3.7 stop reading a keep-alive connection when a request that was queued
     * behind a still-finishing exchange completes synchronously (reactor/reactor-netty#4361): the
     * client's next request is never read. Proxied requests always complete later; only these
     * locally written answers can complete inline, so they hand the body over on the connection's
     * next event-loop turn. Drop this once Spring Boot manages Reactor Netty 1.3.8 or newer.
     */
    private static Mono<DataBuffer> onNextEventLoopTurn(ServerWebExchange exchange, DataBuffer buffer) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(nativeRequest instanceof Connection connection)) {
            return Mono.just(buffer);
        }
        Executor eventLoop = connection.channel().eventLoop();
        return Mono.create(sink -> eventLoop.execute(() -> sink.success(buffer)));
    }
}
