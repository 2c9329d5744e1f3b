package dev.skyport.buildfarm.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A bearer token as the client sent it, not yet checked. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return "bearer";
    }
}
