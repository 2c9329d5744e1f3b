package dev.skyport.buildfarm.auth;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the first admin token gets in. Either may be set (both: both work); the clear value stays in
 * memory only as its SHA-256. Tokens made with {@code POST /v1/tokens} live hashed in Redis.
 *
 * @param adminToken     an admin token given directly ({@code SKYPORT_BUILD_FARM_AUTH_ADMIN_TOKEN})
 * @param adminTokenFile a file whose content (trimmed) is an admin token, e.g. a mounted Secret
 */
@ConfigurationProperties("skyport.build-farm.auth")
public record AuthProperties(String adminToken, Path adminTokenFile) {
}
