package dev.skyport.api.microservice;

import java.time.Instant;
import java.util.Objects;

/**
 * A microservice of an app, as the API shows it.
 *
 * @param status            see {@link MicroserviceStatus}
 * @param image             the image that serves (or last served), by digest; {@code null} before the first build
 * @param route             where it answers; {@code null} while nothing serves
 * @param currentDeployment the deployment that serves (or would serve after {@code start}); {@code null} before one ran
 * @param latestDeployment  the newest deployment requested
 */
public record Microservice(String app, String name, MicroserviceStatus status, String message, String image,
                           MicroserviceRoute route, String currentDeployment, String latestDeployment,
                           Instant createdAt, Instant updatedAt) {

    public Microservice {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        message = message == null ? "" : message;
    }

    /** The public URL it answers at, or {@code null} while nothing serves. */
    public String url() {
        return route == null ? null : route.url();
    }

    /** A microservice whose first deployment was just requested. */
    public static Microservice firstDeploy(String app, String name, String deploymentId, Instant now) {
        return new Microservice(app, name, MicroserviceStatus.BUILDING, "deployment " + deploymentId + " is queued",
                null, null, null, deploymentId, now, now);
    }

    /** This microservice in status {@code to}; throws {@link IllegalTransitionException} when the machine forbids it. */
    public Microservice moveTo(MicroserviceStatus to, String newMessage, Instant now) {
        StatusMachine.check("microservice " + app + "/" + name, status, to);
        return new Microservice(app, name, to, newMessage, image, route, currentDeployment, latestDeployment,
                createdAt, now);
    }

    public Microservice withLatestDeployment(String deploymentId, Instant now) {
        return new Microservice(app, name, status, message, image, route, currentDeployment, deploymentId, createdAt,
                now);
    }

    /** What serves now: the deployment, its image and its route (null route while nothing serves). */
    public Microservice serving(String deploymentId, String newImage, MicroserviceRoute newRoute, Instant now) {
        return new Microservice(app, name, status, message, newImage, newRoute, deploymentId, latestDeployment,
                createdAt, now);
    }

    public Microservice withRoute(MicroserviceRoute newRoute, Instant now) {
        return new Microservice(app, name, status, message, image, newRoute, currentDeployment, latestDeployment,
                createdAt, now);
    }
}
