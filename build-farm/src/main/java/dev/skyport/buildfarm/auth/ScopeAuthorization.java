package dev.skyport.buildfarm.auth;

import java.util.function.Function;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * The two rules of the API: an app's paths need a token whose scope covers the app, everything else
 * needs an admin token. The app comes from the same path matching Spring routes on (decoded, no
 * parameters), so what is authorised is what the controller serves. A refusal leaves its reason in the
 * exchange for {@link AuthErrorResponses}.
 */
final class ScopeAuthorization {

    static final String DENIAL_REASON = ScopeAuthorization.class.getName() + ".reason";

    private ScopeAuthorization() {
    }

    /** For {@code /v1/apps/{app}/**}. */
    static ReactiveAuthorizationManager<AuthorizationContext> appScoped() {
        return (authentication, context) -> decide(authentication, context, scope -> {
            String app = String.valueOf(context.getVariables().get("app"));
            return scope.covers(app) ? null : "the token's scope '" + scope.value() + "' does not cover app '" + app
                    + "'; use a token for app:" + app + " or an admin token";
        });
    }

    /** For every other API path. */
    static ReactiveAuthorizationManager<AuthorizationContext> adminOnly() {
        return (authentication, context) -> decide(authentication, context, scope -> scope.isAdmin() ? null
                : "only an admin token may call " + context.getExchange().getRequest().getMethod() + " "
                        + context.getExchange().getRequest().getPath().value() + "; the token's scope is '"
                        + scope.value() + "'");
    }

    /** {@code refusal} returns why the scope is not enough, or null when it is. */
    private static Mono<AuthorizationResult> decide(Mono<Authentication> authentication, AuthorizationContext context,
                                                    Function<TokenScope, String> refusal) {
        return authentication
                .filter(ScopedAuthentication.class::isInstance)
                .map(a -> {
                    String reason = refusal.apply(((ScopedAuthentication) a).scope());
                    if (reason != null) {
                        context.getExchange().getAttributes().put(DENIAL_REASON, reason);
                    }
                    return (AuthorizationResult) new AuthorizationDecision(reason == null);
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
