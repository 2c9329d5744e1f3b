package dev.skyport.api.microservice;

/** {@code {"microservice": {...}}}. */
public record MicroserviceResponse(Microservice microservice) {
}
