package dev.skyport.gateway.sync;

import dev.skyport.api.route.RedisKeys;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Reads the routing data of §3.3 from Redis: one app's hash, every app's name, the domain map. */
final class RedisRouteReader {

    private final RedisReactiveCommands<String, String> commands;

    RedisRouteReader(RedisReactiveCommands<String, String> commands) {
        this.commands = commands;
    }

    Mono<Map<String, String>> appRoutes(String app) {
        return commands.hgetall(RedisKeys.routes(app)).collectMap(kv -> kv.getKey(), kv -> kv.getValue());
    }

    Mono<List<String>> appNames() {
        return ScanStream.scan(commands, KeyScanArgs.Builder.matches(RedisKeys.ROUTES_PATTERN).limit(500))
                .map(RedisKeys::appOfRoutesKey)
                .filter(app -> app != null)
                .distinct()
                .collectList();
    }

    Mono<Map<String, String>> domains() {
        return commands.hgetall(RedisKeys.DOMAINS).collectMap(kv -> kv.getKey(), kv -> kv.getValue());
    }
}
