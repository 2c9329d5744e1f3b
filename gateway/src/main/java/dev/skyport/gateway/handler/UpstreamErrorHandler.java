package dev.skyport.gateway.handler;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.skyport.api.error.ApiError;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure on the proxy path into the platform's JSON error, quickly: a refused or broken upstream
 * is a 502, a timeout a 504, an unknown path a 404. Runs before Spring Boot's own error handler.
 */
public final class UpstreamErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorHandler.class);

    private final ErrorResponses responses;

    public UpstreamErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure); // the status line is out; the connection is closed instead
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", exchange.getRequest().getURI().getRawPath());
        String service = "the upstream";
        if (route != null) {
            details.put("route", route.getId());
            Object name = route.getMetadata().get("skyport.service");
            if (name != null) {
                details.put("service", name);
                service = "service '" + name + "'";
            }
        }
        Throwable cause = rootOf(failure);
        if (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504
                || cause instanceof ConnectTimeoutException) {
            String what = failure instanceof ResponseStatusException status && status.getReason() != null
                    ? " (" + status.getReason() + ")" : "";
            return responses.write(exchange, HttpStatus.GATEWAY_TIMEOUT, new ApiError("upstream_timeout",
                    service + " did not answer in time" + what + "; it may be overloaded or stuck. Try again, "
                            + "and check its logs.", details));
        }
        if (cause instanceof ConnectException) {
            return responses.write(exchange, HttpStatus.BAD_GATEWAY, new ApiError("upstream_refused",
                    service + " refused the connection; it may be starting or stopped. Check its status with "
                            + "'skycli app status'.", details));
        }
        if (cause instanceof UnknownHostException) {
            return responses.write(exchange, HttpStatus.BAD_GATEWAY, new ApiError("upstream_unresolvable",
                    "the address of " + service + " does not resolve; its route may be stale.", details));
        }
        if (failure instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return responses.write(exchange, code, new ApiError("route_not_found",
                        "no route matches " + details.get("path"), details));
            }
            if (code != null && code.is4xxClientError()) {
                return responses.write(exchange, code, new ApiError(snakeCase(code),
                        status.getReason() != null ? status.getReason() : code.getReasonPhrase(), details));
            }
        }
        if (cause instanceof IOException) {
            return responses.write(exchange, HttpStatus.BAD_GATEWAY, new ApiError("upstream_failed",
                    service + " closed the connection before answering: " + cause.getMessage(), details));
        }
        log.error("Unexpected failure on {}", details.get("path"), failure);
        return responses.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                new ApiError("internal_error", "the gateway failed unexpectedly; see its log", details));
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; depth < 10 && t.getCause() != null && t.getCause() != t; depth++) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException || t instanceof UnknownHostException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    private static String snakeCase(HttpStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
