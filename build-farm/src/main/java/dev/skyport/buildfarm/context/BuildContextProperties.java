package dev.skyport.buildfarm.context;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed, short-lived, single-use URLs with which a build running elsewhere (a Kubernetes build Job)
 * fetches its context.
 *
 * @param tokenTtl       how long a token is valid
 * @param signingKeyFile a file holding the HMAC key (any bytes, at least 32); when empty a random key is
 *                       made at start-up, so tokens die with the process (builds in flight are redone anyway)
 * @param publicUrl      the build farm's API as build pods reach it, e.g.
 *                       {@code http://skyport-build-farm.skyport.svc.cluster.local:8090}; only drivers that
 *                       build elsewhere need it
 */
@ConfigurationProperties("skyport.build-farm.build-context")
public record BuildContextProperties(@DefaultValue("15m") Duration tokenTtl, Path signingKeyFile, URI publicUrl) {
}
