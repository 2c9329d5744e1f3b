package dev.skyport.buildfarm.auth;

import dev.skyport.api.error.ApiError;
import dev.skyport.buildfarm.error.ApiErrorWriter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every {@code /v1} call needs {@code Authorization: Bearer <token>} except the OpenAPI document and
 * the build context (which carries its own signed token). App routes need a token whose scope covers
 * the app; everything else needs an admin token. Missing or unknown token: 401; wrong scope: 403.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthFilter implements WebFilter {

    /** Exchange attribute holding the caller's {@link TokenScope}. */
    public static final String SCOPE_ATTRIBUTE = BearerAuthFilter.class.getName() + ".scope";

    private static final Pattern APP_PATH = Pattern.compile("^/v1/apps/([^/]+)(/.*)?$");
    private static final Pattern BUILD_CONTEXT_PATH = Pattern.compile("^/v1/builds/[^/]+/context$");

    private final TokenStore tokens;
    private final ApiErrorWriter errors;

    public BearerAuthFilter(TokenStore tokens, ApiErrorWriter errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/v1/") || path.equals("/v1/openapi.json") || BUILD_CONTEXT_PATH.matcher(path).matches()) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return unauthorized(exchange, "this call needs 'Authorization: Bearer <token>'; log in with skycli"
                    + " or ask an admin for a token");
        }
        String token = header.substring(7).strip();
        return Mono.fromCallable(() -> tokens.scopeOf(token))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(scope -> authorize(exchange, chain, path, scope));
    }

    private Mono<Void> authorize(ServerWebExchange exchange, WebFilterChain chain, String path,
                                 Optional<TokenScope> scope) {
        if (scope.isEmpty()) {
            return unauthorized(exchange, "the bearer token is not known to this build farm; check the token"
                    + " (skycli login) or ask an admin for a new one");
        }
        Matcher app = APP_PATH.matcher(path);
        if (app.matches() && !scope.get().covers(app.group(1))) {
            return errors.write(exchange.getResponse(), HttpStatus.FORBIDDEN, new ApiError("forbidden",
                    "the token's scope '" + scope.get().value() + "' does not cover app '" + app.group(1)
                            + "'; use a token for app:" + app.group(1) + " or an admin token",
                    Map.of("scope", scope.get().value(), "app", app.group(1))));
        }
        if (!app.matches() && !scope.get().isAdmin()) {
            return errors.write(exchange.getResponse(), HttpStatus.FORBIDDEN, new ApiError("forbidden",
                    "only an admin token may call " + path + "; the token's scope is '" + scope.get().value() + "'",
                    Map.of("scope", scope.get().value())));
        }
        exchange.getAttributes().put(SCOPE_ATTRIBUTE, scope.get());
        return chain.filter(exchange);
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"skyport\"");
        return errors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, ApiError.of("unauthorized", message));
    }
}
