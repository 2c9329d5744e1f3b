package dev.skyport.api.microservice;

/** Body of {@code POST /v1/tokens}: {@code scope} is {@code admin} or {@code app:<app>}. */
public record TokenRequest(String scope, String description) {
}
