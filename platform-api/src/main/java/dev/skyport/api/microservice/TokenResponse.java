package dev.skyport.api.microservice;

/** The new token, shown in clear only in this answer. */
public record TokenResponse(String token, String scope) {
}
