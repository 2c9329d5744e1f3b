package dev.skyport.api.microservice;

import java.util.List;

/**
 * {@code GET /v1/apps/{app}/microservices/{name}/rollback-targets}: newest first.
 *
 * @param current the deployment that serves (or would serve after {@code start}); null before one ran
 */
public record RollbackTargetsResponse(String current, List<RollbackTarget> targets) {

    public RollbackTargetsResponse {
        targets = List.copyOf(targets);
    }
}
