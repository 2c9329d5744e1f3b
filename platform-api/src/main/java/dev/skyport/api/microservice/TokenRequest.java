package dev.skyport.api.microservice;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/tokens}.
 *
 * @param scope         {@code admin} or {@code app:<app>}
 * @param description   free text shown by {@code GET /v1/tokens}; optional
 * @param expiresInDays lifetime in days; optional, the build farm's default (90) when absent
 */
public record TokenRequest(String scope, @JsonInclude(JsonInclude.Include.NON_NULL) String description,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer expiresInDays) {

    public TokenRequest(String scope, String description) {
        this(scope, description, null);
    }
}
