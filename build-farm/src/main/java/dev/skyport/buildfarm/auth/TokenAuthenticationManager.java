package dev.skyport.buildfarm.auth;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Checks a {@link BearerToken} against the hashed token store (off the event loop: Redis is blocking here). */
final class TokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final TokenStore tokens;

    TokenAuthenticationManager(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerToken bearer)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> tokens.check(bearer.getCredentials()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(TokenAuthenticationManager::authenticated);
    }

    /** Java 17 has no pattern switch; the interface is sealed, so the last branch is {@code Unknown}. */
    private static Authentication authenticated(TokenCheck check) {
        if (check instanceof TokenCheck.Valid valid) {
            return new ScopedAuthentication(valid.scope());
        }
        if (check instanceof TokenCheck.Expired expired) {
            throw new CredentialsExpiredException("the bearer token expired at " + expired.at()
                    + "; ask an admin for a new one (skycli token create)");
        }
        if (check instanceof TokenCheck.Revoked revoked) {
            throw new BadCredentialsException("the bearer token was revoked at " + revoked.at()
                    + "; ask an admin for a new one (skycli token create)");
        }
        throw new BadCredentialsException("the bearer token is not known to this build farm; check the token"
                + " (skycli login) or ask an admin for a new one");
    }
}
