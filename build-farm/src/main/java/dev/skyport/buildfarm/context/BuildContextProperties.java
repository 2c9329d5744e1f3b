package dev.skyport.buildfarm.context;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed, short-lived tokens with which a build Job fetches its context.
 *
 * @param tokenTtl       how long a token is valid
 * @param signingKeyFile a file holding the HMAC key (any bytes, at least 32); when empty a random key is
 *                       made at start-up, so tokens die with the process (builds in flight are redone anyway)
 */
@ConfigurationProperties("skyport.build-farm.build-context")
public record BuildContextProperties(@DefaultValue("15m") Duration tokenTtl, Path signingKeyFile) {
}
