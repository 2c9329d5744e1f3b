package dev.skyport.buildfarm.auth;

import dev.skyport.api.microservice.TokenInfo;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.record.BuildFarmKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens by their SHA-256: the bootstrap admin tokens from the settings (in memory, never expiring:
 * the operator rotates them by changing the setting) and the tokens made through the API (a Redis hash
 * {@code skyport:tokens}: hash → {@link TokenInfo} as JSON), which expire and can be revoked.
 */
@Component
public class TokenStore {

    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;
    private final AuthProperties properties;
    private final Set<String> bootstrapAdminHashes = new HashSet<>();

    public TokenStore(StringRedisTemplate redis, JsonMapper json, Clock clock, AuthProperties properties) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            bootstrapAdminHashes.add(TokenHashes.sha256(properties.adminToken().strip()));
        }
        if (properties.adminTokenFile() != null) {
            bootstrapAdminHashes.add(TokenHashes.sha256(readTokenFile()));
        }
        if (bootstrapAdminHashes.isEmpty()) {
            log.warn("no bootstrap admin token is configured (skyport.build-farm.auth.admin-token or"
                    + " admin-token-file); only tokens already stored in Redis work");
        }
    }

    private String readTokenFile() {
        try {
            String token = Files.readString(properties.adminTokenFile(), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("admin token file " + properties.adminTokenFile() + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token file " + properties.adminTokenFile()
                    + " (skyport.build-farm.auth.admin-token-file): " + e.getMessage(), e);
        }
    }

    /** What a clear token is worth now. Blocking (Redis). */
    public TokenCheck check(String token) {
        String hash = TokenHashes.sha256(token);
        if (bootstrapAdminHashes.contains(hash)) {
            return new TokenCheck.Valid(new TokenScope.Admin());
        }
        Object stored = redis.opsForHash().get(BuildFarmKeys.TOKENS, hash);
        if (stored == null) {
            return new TokenCheck.Unknown();
        }
        TokenInfo info = read(hash, stored);
        if (info.revokedAt() != null) {
            return new TokenCheck.Revoked(info.revokedAt());
        }
        if (!clock.instant().isBefore(info.expiresAt())) {
            return new TokenCheck.Expired(info.expiresAt());
        }
        try {
            return new TokenCheck.Valid(TokenScope.parse(info.scope()));
        } catch (ApiException unreadable) {
            log.error("token {} has an unreadable scope '{}' in Redis; it is refused", info.id(), info.scope());
            return new TokenCheck.Unknown();
        }
    }

    /** Makes a token; returns it in clear (the only time it exists in clear) with its stored form. */
    public IssuedToken create(TokenScope scope, String description, Integer expiresInDays) {
        Duration ttl = lifetime(expiresInDays);
        String token = TokenHashes.newToken();
        String hash = TokenHashes.sha256(token);
        Instant now = clock.instant();
        TokenInfo info = new TokenInfo(TokenHashes.idOf(hash), scope.value(), description == null ? "" : description,
                now, now.plus(ttl), null);
        redis.opsForHash().put(BuildFarmKeys.TOKENS, hash, json.writeValueAsString(info));
        return new IssuedToken(token, info);
    }

    /** Every token made through the API, newest first. */
    public List<TokenInfo> list() {
        return redis.opsForHash().entries(BuildFarmKeys.TOKENS).entrySet().stream()
                .map(e -> read(e.getKey().toString(), e.getValue()))
                .sorted(Comparator.comparing(TokenInfo::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** Revokes the token with this id; a second revoke keeps the first time. */
    public TokenInfo revoke(String id) {
        for (Map.Entry<Object, Object> entry : redis.opsForHash().entries(BuildFarmKeys.TOKENS).entrySet()) {
            String hash = entry.getKey().toString();
            if (TokenHashes.idOf(hash).equals(id)) {
                TokenInfo info = read(hash, entry.getValue());
                if (info.revokedAt() == null) {
                    info = new TokenInfo(info.id(), info.scope(), info.description(), info.createdAt(),
                            info.expiresAt(), clock.instant());
                    redis.opsForHash().put(BuildFarmKeys.TOKENS, hash, json.writeValueAsString(info));
                }
                return info;
            }
        }
        throw ApiException.notFound("token_not_found", "there is no token with id '" + id
                + "'; list them with GET /v1/tokens (skycli token list)", Map.of("id", id));
    }

    private Duration lifetime(Integer expiresInDays) {
        if (expiresInDays == null) {
            return properties.tokenTtl();
        }
        Duration asked = Duration.ofDays(expiresInDays);
        if (expiresInDays < 1 || asked.compareTo(properties.maxTokenTtl()) > 0) {
            throw ApiException.badRequest("invalid_expiry", "expiresInDays must be between 1 and "
                    + properties.maxTokenTtl().toDays() + " (skyport.build-farm.auth.max-token-ttl); it was "
                    + expiresInDays, Map.of("expiresInDays", expiresInDays));
        }
        return asked;
    }

    /**
     * Tokens stored before expiry existed have no id or expiry: the id comes from the hash, and they live
     * {@code token-ttl} from their creation like any other (one with no creation time counts as expired).
     */
    private TokenInfo read(String hash, Object stored) {
        TokenInfo info = json.readValue(stored.toString(), TokenInfo.class);
        if (info.id() != null && info.expiresAt() != null) {
            return info;
        }
        Instant expiresAt = info.expiresAt() != null ? info.expiresAt()
                : info.createdAt() != null ? info.createdAt().plus(properties.tokenTtl()) : Instant.EPOCH;
        return new TokenInfo(TokenHashes.idOf(hash), info.scope(), info.description(), info.createdAt(), expiresAt,
                info.revokedAt());
    }

    /** A new token in clear, with what the store keeps of it. */
    public record IssuedToken(String token, TokenInfo info) {
    }
}
