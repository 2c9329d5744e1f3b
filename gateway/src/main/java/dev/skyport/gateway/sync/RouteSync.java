package dev.skyport.gateway.sync;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.api.route.HostNames;
import dev.skyport.api.route.RedisKeys;
import dev.skyport.gateway.config.SkyportGatewayProperties;
import dev.skyport.gateway.filter.RouteMeters;
import dev.skyport.gateway.route.AppRoutes;
import dev.skyport.gateway.route.RoutingTable;
import dev.skyport.gateway.route.RoutingTableHolder;
import dev.skyport.gateway.route.ServedRoute;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * Keeps this gateway's {@link RoutingTable} in step with Redis (§3.3): listens on
 * {@code skyport:routes:changed} and reloads the announced app with one HGETALL; reloads everything after
 * every (re)connect and periodically. While Redis is away the last good table keeps serving, and the
 * connection is retried until Redis is back.
 */
public final class RouteSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteSync.class);
    private static final int PARALLEL_APP_READS = 32;

    private final RedisClient client;
    private final RoutingTableHolder table;
    private final AppRoutesLoader loader;
    private final RouteMeters meters;
    private final SkyportGatewayProperties properties;
    private final Scheduler scheduler = Schedulers.newSingle("skyport-route-sync", true);
    private final SyncLane lane;
    private final SyncStatus status = new SyncStatus();

    private volatile boolean running;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile Disposable periodicResync;
    private volatile Disposable pendingConnect;

    public RouteSync(RedisClient client, RoutingTableHolder table, AppRoutesLoader loader, RouteMeters meters,
            SkyportGatewayProperties properties) {
        this.client = client;
        this.table = table;
        this.loader = loader;
        this.meters = meters;
        this.properties = properties;
        this.lane = new SyncLane(this::reloadApp, this::reloadAll, scheduler);
    }

    public SyncStatus status() {
        return status;
    }

    @Override
    public void start() {
        running = true;
        connect(properties.reconnectDelay());
        Duration every = properties.resyncInterval();
        periodicResync = Flux.interval(every, every, scheduler).subscribe(tick -> lane.requestAll());
    }

    /** Connects both connections; on failure tries again later, backing off up to ten times the first delay. */
    private void connect(Duration nextDelay) {
        if (!running) {
            return;
        }
        pendingConnect = Mono.fromRunnable(this::openConnections)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(ok -> { }, error -> {
                    status.redisDown(error);
                    log.warn("Redis is not reachable ({}); serving the last known routes and retrying in {}",
                            rootMessage(error), nextDelay);
                    Duration backoff = nextDelay.multipliedBy(2);
                    Duration max = properties.reconnectDelay().multipliedBy(10);
                    pendingConnect = Mono.delay(nextDelay, scheduler)
                            .subscribe(t -> connect(backoff.compareTo(max) > 0 ? max : backoff));
                });
    }

    private void openConnections() {
        StatefulRedisConnection<String, String> cmd = client.connect();
        StatefulRedisPubSubConnection<String, String> sub;
        try {
            sub = client.connectPubSub();
            sub.addListener(new Announcements());
            sub.addListener(new ConnectionState());
            sub.sync().subscribe(RedisKeys.ROUTES_CHANGED);
        } catch (RuntimeException e) {
            cmd.closeAsync();
            throw e;
        }
        commands = cmd;
        subscription = sub;
        status.redisUp();
        log.info("Connected to Redis; subscribed to {}", RedisKeys.ROUTES_CHANGED);
        lane.requestAll();
    }

    /** Reloads one app with one HGETALL and swaps it into the table. */
    private Mono<Void> reloadApp(String app) {
        StatefulRedisConnection<String, String> cmd = commands;
        if (cmd == null) {
            return Mono.empty();
        }
        long started = System.nanoTime();
        return new RedisRouteReader(cmd.reactive()).appRoutes(app)
                .publishOn(scheduler)
                .doOnNext(hash -> {
                    AppRoutes previous = table.get().app(app);
                    AppRoutes next = loader.load(app, RedisKeys.routes(app), hash, previous);
                    table.update(t -> t.withApp(app, next));
                    dropMetersOfRemovedRoutes(previous == null ? List.of() : List.of(previous), table.get());
                    log.debug("Reloaded app {} ({} routes) in {} µs", app, next.size(),
                            (System.nanoTime() - started) / 1000);
                })
                .doOnError(status::syncFailed)
                .then();
    }

    /** Reloads every app and the domain map, then swaps in a whole new table. */
    private Mono<Void> reloadAll() {
        StatefulRedisConnection<String, String> cmd = commands;
        if (cmd == null) {
            return Mono.empty();
        }
        RedisRouteReader reader = new RedisRouteReader(cmd.reactive());
        Mono<Map<String, String>> domains = reader.domains();
        Mono<List<Tuple2<String, Map<String, String>>>> apps = reader.appNames()
                .flatMapMany(Flux::fromIterable)
                .flatMap(app -> reader.appRoutes(app).map(hash -> Tuples.of(app, hash)), PARALLEL_APP_READS)
                .collectList();
        return Mono.zip(domains, apps)
                .publishOn(scheduler)
                .doOnNext(loaded -> {
                    RoutingTable previous = table.get();
                    Map<String, AppRoutes> next = new HashMap<>();
                    for (Tuple2<String, Map<String, String>> app : loaded.getT2()) {
                        AppRoutes routes = loader.load(app.getT1(), RedisKeys.routes(app.getT1()), app.getT2(),
                                previous.app(app.getT1()));
                        if (routes.size() > 0) {
                            next.put(app.getT1(), routes);
                        }
                    }
                    Map<String, String> domainMap = new HashMap<>();
                    loaded.getT1().forEach((host, app) -> domainMap.put(HostNames.normalize(host), app));
                    RoutingTable fresh = new RoutingTable(next, domainMap, true, Instant.now());
                    table.update(t -> fresh);
                    dropMetersOfRemovedRoutes(previous.apps().values(), fresh);
                    status.synced(fresh.syncedAt());
                    log.debug("Full resync: {} apps, {} routes, {} domains", next.size(), fresh.routeCount(),
                            domainMap.size());
                })
                .doOnError(status::syncFailed)
                .then();
    }

    private void dropMetersOfRemovedRoutes(Iterable<AppRoutes> before, RoutingTable after) {
        Set<String> gone = new HashSet<>();
        for (AppRoutes app : before) {
            for (ServedRoute route : app.all()) {
                AppRoutes now = after.app(route.app());
                if (now == null || now.get(route.prefix().value()) == null) {
                    gone.add(RouteMeters.key(route.app(), route.prefix().value()));
                }
            }
        }
        if (!gone.isEmpty()) {
            meters.removeAll(gone);
        }
    }

    private final class Announcements extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            if (RedisKeys.RESYNC_ALL.equals(message)) {
                lane.requestAll();
            } else if (DnsLabel.isValid(message)) {
                lane.requestApp(message);
            } else {
                log.warn("Ignoring announcement '{}' on {}: not an app name or '{}'", message, channel,
                        RedisKeys.RESYNC_ALL);
            }
        }
    }

    private final class ConnectionState implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (!status.isRedisUp()) {
                log.info("Reconnected to Redis at {}; resyncing all routes", address);
            }
            status.redisUp();
            lane.requestAll(); // announcements sent while we were away are lost
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (running && status.isRedisUp()) {
                log.warn("Lost the connection to Redis; serving the last known routes until it is back");
            }
            status.redisDown(null);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public void stop() {
        running = false;
        dispose(periodicResync);
        dispose(pendingConnect);
        StatefulRedisPubSubConnection<String, String> sub = subscription;
        if (sub != null) {
            sub.close();
        }
        StatefulRedisConnection<String, String> cmd = commands;
        if (cmd != null) {
            cmd.close();
        }
        scheduler.dispose();
    }

    private static void dispose(Disposable disposable) {
        if (disposable != null) {
            disposable.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
