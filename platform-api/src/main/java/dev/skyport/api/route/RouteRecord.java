package dev.skyport.api.route;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one route prefix of an app goes: the value stored in the {@code skyport:routes:<app>} hash.
 *
 * @param service      the microservice that serves the prefix
 * @param target       base URI of the upstream, {@code http://host:port}
 * @param stripPrefix  whether the gateway removes the matched prefix before forwarding
 * @param deploymentId the deployment whose instance answers
 * @param updatedAt    when the writer last changed this route
 */
public record RouteRecord(String service, URI target, boolean stripPrefix, String deploymentId, Instant updatedAt) {

    public RouteRecord {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(updatedAt, "updatedAt");
        String problem = problemWithTarget(target);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    static String problemWithTarget(URI target) {
        if (!target.isAbsolute() || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
            return "target '" + target + "' must be an absolute http:// or https:// URI";
        }
        if (target.getHost() == null) {
            return "target '" + target + "' has no host";
        }
        if (target.getRawQuery() != null || target.getRawFragment() != null) {
            return "target '" + target + "' must not carry a query or a fragment";
        }
        return null;
    }
}
