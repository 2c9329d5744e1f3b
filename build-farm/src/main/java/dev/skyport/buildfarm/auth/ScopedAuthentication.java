package dev.skyport.buildfarm.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A checked token: its scope is its one authority, {@code SCOPE_admin} or {@code SCOPE_app:<app>}. */
public final class ScopedAuthentication extends AbstractAuthenticationToken {

    public static final String AUTHORITY_PREFIX = "SCOPE_";

    private final TokenScope scope;

    ScopedAuthentication(TokenScope scope) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY_PREFIX + scope.value())));
        this.scope = scope;
        setAuthenticated(true);
    }

    public TokenScope scope() {
        return scope;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return scope.value();
    }
}
