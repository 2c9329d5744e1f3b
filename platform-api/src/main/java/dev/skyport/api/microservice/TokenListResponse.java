package dev.skyport.api.microservice;

import java.util.List;

/** Body of {@code GET /v1/tokens}: every token made through the API, newest first. */
public record TokenListResponse(List<TokenInfo> tokens) {

    public TokenListResponse {
        tokens = List.copyOf(tokens);
    }
}
