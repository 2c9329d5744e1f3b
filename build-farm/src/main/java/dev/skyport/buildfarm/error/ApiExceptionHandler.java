package dev.skyport.buildfarm.error;

import dev.skyport.api.error.ApiError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure (refused requests, unknown paths, unreadable bodies, bugs) into the one error
 * shape of docs/api.md. Runs before Spring Boot's own handler.
 */
@Component
@Order(-2)
public class ApiExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiErrorWriter writer;

    public ApiExceptionHandler(ApiErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ApiException api) {
            return writer.write(exchange.getResponse(), api.status(), api.error());
        }
        if (failure instanceof ServerWebInputException input) {
            return writer.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, ApiError.of("invalid_request",
                    "the request is malformed: " + describe(input) + "; send the JSON body docs/api.md describes"));
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            return writer.write(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED, new ApiError("method_not_allowed",
                    exchange.getRequest().getMethod() + " is not allowed on " + exchange.getRequest().getPath()
                            + "; allowed: " + notAllowed.getSupportedMethods(),
                    Map.of("allowed", notAllowed.getSupportedMethods().toString())));
        }
        if (failure instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return writer.write(exchange.getResponse(), code, new ApiError("not_found",
                        "nothing is served at " + exchange.getRequest().getPath() + "; see docs/api.md for the API",
                        Map.of("path", exchange.getRequest().getPath().value())));
            }
            HttpStatus resolved = code == null ? HttpStatus.INTERNAL_SERVER_ERROR : code;
            return writer.write(exchange.getResponse(), resolved, ApiError.of(
                    resolved.name().toLowerCase(java.util.Locale.ROOT), String.valueOf(status.getReason())));
        }
        if (failure instanceof RedisConnectionFailureException || failure instanceof QueryTimeoutException) {
            log.warn("Redis is unreachable for {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), failure.getMessage());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return writer.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("redis_unavailable",
                    "the build farm cannot reach Redis right now; try again in a few seconds"));
        }
        log.error("unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                failure);
        return writer.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal_error",
                "the build farm failed unexpectedly (" + failure.getClass().getSimpleName()
                        + "); its log has the details"));
    }

    private static String describe(ServerWebInputException input) {
        Throwable cause = input.getCause();
        if (cause instanceof DecodingException decoding && decoding.getMostSpecificCause() != null) {
            return decoding.getMostSpecificCause().getMessage();
        }
        return input.getReason() != null ? input.getReason() : input.getMessage();
    }
}
