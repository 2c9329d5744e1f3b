package dev.skyport.buildfarm.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * {@code <expiry epoch seconds>.<base64url HMAC-SHA256(build id + "." + expiry)>}: names one build and
 * expires; needs no storage.
 */
@Component
public class BuildContextTokens {

    private final byte[] key;
    private final BuildContextProperties properties;
    private final Clock clock;

    public BuildContextTokens(BuildContextProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (properties.signingKeyFile() != null) {
            try {
                this.key = Files.readAllBytes(properties.signingKeyFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read skyport.build-farm.build-context.signing-key-file "
                        + properties.signingKeyFile() + ": " + e.getMessage(), e);
            }
            if (key.length < 32) {
                throw new IllegalArgumentException("the build context signing key in " + properties.signingKeyFile()
                        + " is shorter than 32 bytes");
            }
        } else {
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String issue(String buildId) {
        long expiry = clock.instant().plus(properties.tokenTtl()).getEpochSecond();
        return expiry + "." + sign(buildId, expiry);
    }

    /** Whether the token was issued for this build and has not expired. */
    public boolean verify(String buildId, String token) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        // Compared as seconds: Instant.ofEpochSecond throws on values a forged token can carry.
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(buildId, expiry).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String buildId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((buildId + "." + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
