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
 * {@code <expiry epoch seconds>.<nonce>.<base64url HMAC-SHA256(build id.expiry.nonce)>}: names one build,
 * expires, and is unique (the nonce), so {@link SingleUseContextTokens} can let each one work once.
 */
@Component
public class BuildContextTokens {

    private final SecureRandom random = new SecureRandom();
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
            random.nextBytes(key);
        }
    }

    /** A new token: two tokens of one build never match, so each can be used once on its own. */
    public String issue(String buildId) {
        long expiry = clock.instant().plus(properties.tokenTtl()).getEpochSecond();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String salt = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return expiry + "." + salt + "." + sign(buildId, expiry, salt);
    }

    /** Whether the token was issued for this build and has not expired. */
    public boolean verify(String buildId, String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        // Compared as seconds: Instant.ofEpochSecond throws on values a forged token can carry.
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(buildId, expiry, parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String buildId, long expiry, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((buildId + "." + expiry + "." + salt).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
