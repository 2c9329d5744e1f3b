package dev.skyport.buildfarm.auth;

import dev.skyport.api.microservice.TokenInfo;
import dev.skyport.api.microservice.TokenListResponse;
import dev.skyport.api.microservice.TokenRequest;
import dev.skyport.api.microservice.TokenResponse;
import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /v1/tokens}: make, list and revoke tokens (admin only, see {@link SecurityConfiguration}). */
@RestController
public class TokenController {

    private final TokenStore tokens;

    public TokenController(TokenStore tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TokenResponse> create(@RequestBody TokenRequest request) {
        if (request == null || request.scope() == null) {
            return Mono.error(ApiException.badRequest("invalid_scope",
                    "a token needs a scope: 'admin' or 'app:<app>'", Map.of()));
        }
        TokenScope scope = TokenScope.parse(request.scope());
        return Mono.fromCallable(() -> {
            TokenStore.IssuedToken issued = tokens.create(scope, request.description(), request.expiresInDays());
            return new TokenResponse(issued.token(), issued.info().id(), scope.value(), issued.info().expiresAt());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/v1/tokens")
    public Mono<TokenListResponse> list() {
        return Mono.fromCallable(() -> new TokenListResponse(tokens.list())).subscribeOn(Schedulers.boundedElastic());
    }

    /** Revoked tokens are refused from the next request on; the record stays, so the list shows when. */
    @DeleteMapping("/v1/tokens/{id}")
    public Mono<TokenInfo> revoke(@PathVariable String id) {
        return Mono.fromCallable(() -> tokens.revoke(id)).subscribeOn(Schedulers.boundedElastic());
    }
}
