package dev.skyport.buildfarm.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the first admin token gets in, and how long tokens made through the API live. Either admin
 * setting may be set (both: both work); the clear value stays in memory only as its SHA-256. Tokens
 * made with {@code POST /v1/tokens} live hashed in Redis.
 *
 * @param adminToken     an admin token given directly ({@code SKYPORT_BUILD_FARM_AUTH_ADMIN_TOKEN});
 *                       prefer the file, which keeps it out of process arguments
 * @param adminTokenFile a file whose content (trimmed) is an admin token, e.g. a mounted Secret
 * @param tokenTtl       lifetime of a token made through the API when the request names none
 * @param maxTokenTtl    the longest lifetime a request may ask for
 */
@ConfigurationProperties("skyport.build-farm.auth")
public record AuthProperties(String adminToken, Path adminTokenFile,
                             @DefaultValue("90d") Duration tokenTtl,
                             @DefaultValue("365d") Duration maxTokenTtl) {
}
