package dev.skyport.gateway.path;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code skyport.gateway.path-policy}.
 *
 * @param relaxedApps apps whose paths are checked with {@link PathPolicy#RELAXED}; every other app and the
 *                    platform paths ({@code /_...}) get {@link PathPolicy#STRICT}
 */
@ConfigurationProperties("skyport.gateway.path-policy")
public record PathPolicyProperties(Set<String> relaxedApps) {

    public PathPolicyProperties {
        relaxedApps = relaxedApps == null ? Set.of() : Set.copyOf(relaxedApps);
    }

    public PathPolicy policyFor(String app) {
        return app != null && relaxedApps.contains(app) ? PathPolicy.RELAXED : PathPolicy.STRICT;
    }
}
