package dev.skyport.buildfarm.route;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The only writer of routes: {@code HSET}/{@code HDEL skyport:routes:<app>} with the platform-api codec,
 * then {@code PUBLISH skyport:routes:changed <app>}, both in one MULTI/EXEC so a gateway never reloads
 * before the change is there.
 */
@Component
public class RoutePublisher {

    private final StringRedisTemplate redis;
    private final RouteCodec codec = new RouteCodec();
    private final Clock clock;

    public RoutePublisher(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Points {@code path} of the app at {@code target}; when the microservice moved from another prefix,
     * {@code previousPath} is removed in the same transaction.
     */
    public void publish(String app, String service, String path, URI target, String deploymentId,
                        String previousPath) {
        String prefix = RoutePrefix.of(path).value();
        String value = codec.encode(new RouteRecord(service, target, true, deploymentId, clock.instant()));
        String removed = previousPath == null ? null : RoutePrefix.of(previousPath).value();
        transaction(operations -> {
            operations.opsForHash().put(RedisKeys.routes(app), prefix, value);
            if (removed != null && !removed.equals(prefix)) {
                operations.opsForHash().delete(RedisKeys.routes(app), removed);
            }
            operations.convertAndSend(RedisKeys.ROUTES_CHANGED, app);
        });
    }

    /** Removes the route of {@code path}; the gateway answers 404 there once it reloads. */
    public void remove(String app, String path) {
        String prefix = RoutePrefix.of(path).value();
        transaction(operations -> {
            operations.opsForHash().delete(RedisKeys.routes(app), prefix);
            operations.convertAndSend(RedisKeys.ROUTES_CHANGED, app);
        });
    }

    /** The app's routes as stored: prefix → record. Values that cannot be decoded are left out. */
    public Map<String, RouteRecord> routes(String app) {
        Map<Object, Object> raw = redis.opsForHash().entries(RedisKeys.routes(app));
        Map<String, RouteRecord> result = new HashMap<>();
        raw.forEach((prefix, value) -> {
            try {
                result.put(prefix.toString(), codec.decode(value.toString()));
            } catch (RuntimeException e) {
                // not ours to judge here; the gateway reports bad values
            }
        });
        return result;
    }

    private void transaction(java.util.function.Consumer<RedisOperations<String, String>> body) {
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                body.accept(operations);
                return operations.exec();
            }
        });
    }
}
