package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import tools.jackson.databind.JsonNode;

/**
 * A checked deploy request.
 *
 * @param artifact       the uploaded artifact's sha256
 * @param item           the checked deployment item, canonical JSON
 * @param path           the normalized route prefix, already claimed for this microservice
 * @param templateDigest the runtime template's digest, or null
 */
public record NewDeployment(MicroserviceKey microservice, String artifact, JsonNode item, String path,
                            String templateDigest) {
}
