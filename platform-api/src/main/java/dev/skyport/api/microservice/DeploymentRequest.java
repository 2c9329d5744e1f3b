package dev.skyport.api.microservice;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/apps/{app}/microservices/{name}/deployments}.
 *
 * @param artifact       the sha256 of an uploaded artifact
 * @param item           the deployment item of {@code skygear.yaml} as JSON, same keys, without {@code context}
 * @param templateDigest for a runtime item, {@code sha256:<hex>} of the catalog template merged into the
 *                       artifact (the image's provenance label); null otherwise
 */
public record DeploymentRequest(String artifact, JsonNode item,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String templateDigest) {
}
