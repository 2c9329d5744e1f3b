package dev.skyport.buildfarm.auth;

import dev.skyport.api.microservice.TokenRequest;
import dev.skyport.api.microservice.TokenResponse;
import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /v1/tokens} (admin only, checked by {@link BearerAuthFilter}). */
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
        return Mono.fromCallable(() -> new TokenResponse(tokens.create(scope, request.description()), scope.value()))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
