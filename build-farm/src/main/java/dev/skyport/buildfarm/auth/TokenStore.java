package dev.skyport.buildfarm.auth;

import dev.skyport.buildfarm.record.BuildFarmKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens by their SHA-256: the bootstrap admin tokens from the settings (in memory) and the tokens
 * made through the API (a Redis hash {@code skyport:tokens}: hash → {@code {scope, description, createdAt}}).
 */
@Component
public class TokenStore {

    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<String> bootstrapAdminHashes = new HashSet<>();

    public TokenStore(StringRedisTemplate redis, JsonMapper json, Clock clock, AuthProperties properties) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            bootstrapAdminHashes.add(TokenHashes.sha256(properties.adminToken().strip()));
        }
        if (properties.adminTokenFile() != null) {
            try {
                String token = Files.readString(properties.adminTokenFile(), StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new IllegalStateException("admin token file " + properties.adminTokenFile() + " is empty");
                }
                bootstrapAdminHashes.add(TokenHashes.sha256(token));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the admin token file " + properties.adminTokenFile()
                        + " (skyport.build-farm.auth.admin-token-file): " + e.getMessage(), e);
            }
        }
        if (bootstrapAdminHashes.isEmpty()) {
            log.warn("no bootstrap admin token is configured (skyport.build-farm.auth.admin-token or"
                    + " admin-token-file); only tokens already stored in Redis work");
        }
    }

    /** The scope of a clear token, or empty when it is unknown. */
    public Optional<TokenScope> scopeOf(String token) {
        String hash = TokenHashes.sha256(token);
        if (bootstrapAdminHashes.contains(hash)) {
            return Optional.of(new TokenScope.Admin());
        }
        Object stored = redis.opsForHash().get(BuildFarmKeys.TOKENS, hash);
        if (stored == null) {
            return Optional.empty();
        }
        JsonNode node = json.readTree(stored.toString());
        return Optional.of(TokenScope.parse(node.get("scope").asString()));
    }

    /** Makes a token with this scope; returns it in clear (the only time it exists in clear). */
    public String create(TokenScope scope, String description) {
        String token = TokenHashes.newToken();
        String value = json.writeValueAsString(Map.of("scope", scope.value(),
                "description", description == null ? "" : description,
                "createdAt", clock.instant().toString()));
        redis.opsForHash().put(BuildFarmKeys.TOKENS, TokenHashes.sha256(token), value);
        return token;
    }
}
