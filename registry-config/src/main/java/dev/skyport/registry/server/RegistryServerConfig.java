package dev.skyport.registry.server;

import dev.skyport.registry.RegistryConfigException;
import java.util.Objects;
import java.util.Set;

/**
 * What Skyport sets in the registry's {@code config.yml}.
 *
 * @param listenAddress  {@code host:port} or {@code :port} the registry listens on
 * @param httpSecret     shared secret for upload state; the same on every replica
 * @param realm          basic-auth realm
 * @param htpasswdPath   path of the htpasswd file inside the registry's filesystem
 * @param storage        where images live
 * @param deleteEnabled  whether manifests can be deleted (retention needs it)
 * @param logLevel       error, warn, info or debug
 */
public record RegistryServerConfig(String listenAddress, String httpSecret, String realm, String htpasswdPath,
                                   RegistryStorage storage, boolean deleteEnabled, String logLevel) {

    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug");

    public RegistryServerConfig {
        listenAddress = Settings.required(listenAddress, "the registry's listen address", ":5000");
        httpSecret = Settings.required(httpSecret, "the registry's http secret", "32 random bytes, base64");
        realm = Settings.present(realm) ? realm : "skyport-registry";
        htpasswdPath = Settings.required(htpasswdPath, "the htpasswd path", "/auth/htpasswd");
        Objects.requireNonNull(storage, "storage");
        logLevel = Settings.present(logLevel) ? logLevel : "info";
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new RegistryConfigException("registry log level '" + logLevel + "' is unknown; use one of "
                    + LOG_LEVELS);
        }
    }

    @Override
    public String toString() {
        return "RegistryServerConfig[listenAddress=" + listenAddress + ", httpSecret=***, realm=" + realm
                + ", htpasswdPath=" + htpasswdPath + ", storage=" + storage + ", deleteEnabled=" + deleteEnabled
                + ", logLevel=" + logLevel + "]";
    }
}
