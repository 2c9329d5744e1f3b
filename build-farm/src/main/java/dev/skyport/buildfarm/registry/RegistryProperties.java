package dev.skyport.buildfarm.registry;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry images go to.
 *
 * @param address              {@code host:port} as image names carry it ({@code 127.0.0.1:15000})
 * @param credentialsDirectory a directory with {@code username} and {@code password} files (a mounted Secret)
 * @param keepImages           images kept per microservice; older ones are deleted after each deploy
 *                             (the one that serves is always kept)
 * @param secure               whether the registry is reached over HTTPS (the local one is plain HTTP)
 */
@ConfigurationProperties("skyport.build-farm.registry")
public record RegistryProperties(
        String address,
        Path credentialsDirectory,
        @DefaultValue("5") int keepImages,
        @DefaultValue("false") boolean secure) {

    public RegistryProperties {
        if (address == null || address.isBlank() || address.contains("/")) {
            throw new IllegalArgumentException("skyport.build-farm.registry.address must be the registry's host:port"
                    + " as image names carry it, for example 127.0.0.1:15000 (got '" + address + "')");
        }
        if (keepImages < 1) {
            throw new IllegalArgumentException("skyport.build-farm.registry.keep-images must be 1 or more");
        }
    }
}
