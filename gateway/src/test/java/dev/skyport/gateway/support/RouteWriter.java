package dev.skyport.gateway.support;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Writes routes to Redis the way the build farm does (§3.3): HSET through the shared codec, then PUBLISH. */
public final class RouteWriter implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RouteCodec codec = new RouteCodec();

    public RouteWriter(String redisUri) {
        client = RedisClient.create(redisUri);
        connection = client.connect();
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    public void put(String app, String prefix, URI target) {
        put(app, prefix, new RouteRecord("svc" + prefix.replace('/', '-'), target, true, "d-test", Instant.now()));
    }

    public void put(String app, String prefix, RouteRecord route) {
        redis().hset(RedisKeys.routes(app), RoutePrefix.of(prefix).value(), codec.encode(route));
        announce(app);
    }

    /** Writes the route without announcing it, as if the announcement had been lost. */
    public void putSilently(String app, String prefix, URI target) {
        RouteRecord route = new RouteRecord("svc" + prefix.replace('/', '-'), target, true, "d-test", Instant.now());
        redis().hset(RedisKeys.routes(app), RoutePrefix.of(prefix).value(), codec.encode(route));
    }

    public void putRaw(String app, String field, String value) {
        redis().hset(RedisKeys.routes(app), field, value);
        announce(app);
    }

    public void putAll(String app, Map<String, String> fields) {
        redis().hset(RedisKeys.routes(app), fields);
        announce(app);
    }

    public void remove(String app, String prefix) {
        redis().hdel(RedisKeys.routes(app), RoutePrefix.of(prefix).value());
        announce(app);
    }

    public void mapDomain(String host, String app) {
        redis().hset(RedisKeys.DOMAINS, host, app);
        redis().publish(RedisKeys.ROUTES_CHANGED, RedisKeys.RESYNC_ALL);
    }

    public void deleteApp(String app) {
        redis().del(RedisKeys.routes(app));
        announce(app);
    }

    public void announce(String app) {
        redis().publish(RedisKeys.ROUTES_CHANGED, app);
    }

    public String encode(RouteRecord route) {
        return codec.encode(route);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
