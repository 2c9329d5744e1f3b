package dev.skyport.buildfarm.context;

import dev.skyport.api.route.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers which context tokens were used, until they would have expired anyway: a URL that leaked
 * from a finished build (a log, a pod spec) fetches nothing. The first fetch claims the token with one
 * {@code SET NX}, so two fetches racing cannot both win.
 */
@Component
public class SingleUseContextTokens {

    private final StringRedisTemplate redis;
    private final BuildContextProperties properties;

    public SingleUseContextTokens(StringRedisTemplate redis, BuildContextProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** True for the first use of {@code token}, false for every later one. */
    public boolean claim(String token) {
        Boolean first = redis.opsForValue().setIfAbsent(key(token), "used",
                properties.tokenTtl().plus(Duration.ofMinutes(1)));
        return Boolean.TRUE.equals(first);
    }

    private static String key(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return RedisKeys.PREFIX + "build-context-used:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
