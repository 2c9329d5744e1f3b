package dev.skyport.cli;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentResponse;
import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceResponse;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.api.microservice.RollbackTargetsResponse;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies the build farm answers with, written from platform-api's records as the build farm writes them,
 * so a stub says what the real one says. Every microservice belongs to app {@code shop}.
 */
public final class BuildFarmAnswers {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-22T03:00:00Z");

    private BuildFarmAnswers() {
    }

    /** A microservice's JSON; {@code path} is null while nothing serves, else it answers at 127.0.0.1:8080. */
    public static String microservice(String name, MicroserviceStatus status, String message, String path,
                                      String latestDeployment) {
        MicroserviceRoute route = path == null ? null : new MicroserviceRoute(path,
                "http://127.0.0.1:8080" + (path.endsWith("/") ? path : path + "/"), "http://127.0.0.1:32768");
        return MAPPER.writeValueAsString(new Microservice("shop", name, status, message, null, route, latestDeployment,
                latestDeployment, AT, AT));
    }

    /** {@code {"microservice": {...}}}, serving at {@code path}. */
    public static String microserviceAnswer(String name, MicroserviceStatus status, String message, String path) {
        return "{\"microservice\":" + microservice(name, status, message, path, "d-1") + "}";
    }

    /** {@code {"deployment": {...}}} of a rollback just accepted: built, running {@code image} again. */
    public static String rollbackStarted(String id, String microservice, String image) {
        return MAPPER.writeValueAsString(new DeploymentResponse(new Deployment(id, "shop", microservice,
                "cd".repeat(32), DeploymentStatus.BUILT, "starting an earlier deployment's image", image, AT, AT)));
    }

    /** {@code GET .../rollback-targets}: {@code current} serves, the targets newest first. */
    public static String rollbackTargets(String current, RollbackTarget... targets) {
        return MAPPER.writeValueAsString(new RollbackTargetsResponse(current, List.of(targets)));
    }

    /** {@code {"deployment": {...}}} of a deployment just queued. */
    public static String queued(String id, String microservice) {
        return MAPPER.writeValueAsString(new DeploymentResponse(Deployment.queued(id, "shop", microservice,
                "ab".repeat(32), AT)));
    }
}
