package dev.skyport.api.microservice;

import java.util.List;

/** {@code {"microservices": [...]}}, sorted by name. */
public record MicroserviceListResponse(List<Microservice> microservices) {

    public MicroserviceListResponse {
        microservices = List.copyOf(microservices);
    }
}
