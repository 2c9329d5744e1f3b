package dev.skyport.buildfarm.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code Authorization: Bearer <token>} → a {@link BearerToken}. No header: anonymous (the open paths
 * need none; every other path then answers 401). Any other scheme is refused rather than ignored.
 */
final class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty();
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.substring(SCHEME.length()).isBlank()) {
            return Mono.error(new BadCredentialsException("the Authorization header must be 'Bearer <token>'; log in"
                    + " with skycli or ask an admin for a token"));
        }
        return Mono.just(new BearerToken(header.substring(SCHEME.length()).strip()));
    }
}
