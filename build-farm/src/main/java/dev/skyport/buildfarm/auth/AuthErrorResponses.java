package dev.skyport.buildfarm.auth;

import dev.skyport.api.error.ApiError;
import dev.skyport.buildfarm.error.ApiErrorWriter;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The API's error shape for Spring Security's refusals: 401, 403, and 400 from the firewall. */
@Component
public class AuthErrorResponses {

    private final ApiErrorWriter errors;

    public AuthErrorResponses(ApiErrorWriter errors) {
        this.errors = errors;
    }

    /** No token, or one that is unknown, expired or revoked. */
    public Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException cause) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"skyport\"");
        String message = cause instanceof BadCredentialsException
                || cause instanceof CredentialsExpiredException
                ? cause.getMessage()
                : "this call needs 'Authorization: Bearer <token>'; log in with skycli or ask an admin for a token";
        return errors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, ApiError.of("unauthorized", message));
    }

    /** A valid token whose scope does not reach this path. */
    public Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException cause) {
        Object reason = exchange.getAttribute(ScopeAuthorization.DENIAL_REASON);
        String message = reason != null ? reason.toString() : "this token may not call "
                + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        return errors.write(exchange.getResponse(), HttpStatus.FORBIDDEN, ApiError.of("forbidden", message));
    }

    /** The strict firewall refused the request: a path or header that different parsers could read differently. */
    public Mono<Void> rejected(ServerWebExchange exchange, ServerExchangeRejectedException cause) {
        return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, new ApiError("request_rejected",
                "the request is ambiguous and was refused; send the path plain: no ';' parameters, no encoded '/',"
                        + " '\\', '.' or '%', no empty or '.'/'..' segments",
                Map.of("reason", String.valueOf(cause.getMessage()))));
    }
}
