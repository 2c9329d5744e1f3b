package dev.skyport.gateway.sync;

import dev.skyport.api.route.InvalidRouteException;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.gateway.route.AppRoutes;
import dev.skyport.gateway.route.ServedRoute;
import dev.skyport.gateway.route.ServedRouteFactory;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one app's route hash, as read from Redis, into {@link AppRoutes}. A value that cannot be used is
 * skipped with a single warning naming the key and field (repeated reads of the same bad value stay quiet),
 * and the app's other routes are served. Values equal to the ones already served are reused as they are.
 */
public final class AppRoutesLoader {

    private static final Logger log = LoggerFactory.getLogger(AppRoutesLoader.class);

    private final RouteCodec codec = new RouteCodec();
    private final ServedRouteFactory factory;
    private final Map<String, String> warnedBadValues = new HashMap<>();

    public AppRoutesLoader(ServedRouteFactory factory) {
        this.factory = factory;
    }

    /** Must be called from one thread at a time (the sync lane). */
    public AppRoutes load(String app, String key, Map<String, String> hash, AppRoutes previous) {
        Map<String, ServedRoute> routes = new HashMap<>(hash.size() * 2);
        for (Map.Entry<String, String> entry : hash.entrySet()) {
            ServedRoute route = toRoute(app, key, entry.getKey(), entry.getValue(), previous);
            if (route != null) {
                routes.put(route.prefix().value(), route);
            }
        }
        return routes.isEmpty() ? AppRoutes.EMPTY : new AppRoutes(routes);
    }

    private ServedRoute toRoute(String app, String key, String field, String value, AppRoutes previous) {
        String where = key + " field '" + field + "'";
        try {
            RoutePrefix prefix = RoutePrefix.of(field);
            ServedRoute old = previous == null ? null : previous.get(prefix.value());
            if (old != null && old.rawValue().equals(value)) {
                return old;
            }
            RouteRecord record = codec.decode(value);
            warnedBadValues.remove(where);
            return factory.create(app, prefix, record, value);
        } catch (InvalidRouteException | IllegalArgumentException e) {
            if (!value.equals(warnedBadValues.put(where, value))) {
                log.warn("Skipping route {}: {}. The other routes are served; fix or delete this field.", where,
                        e.getMessage());
            }
            return null;
        }
    }
}
