package dev.skyport.catalog.http;

import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.skyport.api.error.ApiError;
import dev.skyport.api.template.TemplateErrors;
import dev.skyport.catalog.catalog.TemplateNotFoundException;

/**
 * Every error leaves as Skyport's JSON error, {@code {"error": {"code", "message", "details"}}}, with
 * its content type set so that it is written even when the request only accepts application/gzip.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    static final String ENDPOINTS = "GET /v1/templates, /v1/templates/{runtime}, /v1/templates/{runtime}.tar.gz,"
            + " /v1/templates/{runtime}/{version} and /v1/templates/{runtime}/{version}.tar.gz";

    @ExceptionHandler(TemplateNotFoundException.class)
    public ResponseEntity<ApiError.Body> templateNotFound(TemplateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(TemplateErrors.NOT_FOUND, e.getMessage(), e.details()).body());
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ApiError.Body> responseStatus(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatusCode status = e.getStatusCode();
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        String message = switch (status.value()) {
            case 404 -> "nothing at " + request + "; the catalog serves " + ENDPOINTS;
            case 405 -> request + " is not allowed; the catalog only answers GET and HEAD";
            default -> e.getReason() != null ? e.getReason() : request + " failed";
        };
        return ResponseEntity.status(status)
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code(status), message, Map.of()).body());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError.Body> unexpected(Exception e, ServerWebExchange exchange) {
        log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("internal_error", "the catalog failed to answer; its log has the details").body());
    }

    private static String code(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
    }
}
