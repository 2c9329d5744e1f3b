package dev.skyport.api.microservice;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/apps/{app}/microservices/{name}/rollback}.
 *
 * @param to the deployment whose image runs again; null for the one that served before the current one
 */
public record RollbackRequest(@JsonInclude(JsonInclude.Include.NON_NULL) String to) {
}
