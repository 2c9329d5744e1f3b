package dev.skyport.api.route;

/**
 * The Redis names shared by the writer of routes (the build farm) and their readers (the gateways).
 * Everything Skyport keeps in Redis lives under {@value #PREFIX}.
 */
public final class RedisKeys {

    public static final String PREFIX = "skyport:";

    /** HASH host name → app, for custom domains. */
    public static final String DOMAINS = PREFIX + "domains";

    /** Channel on which the writer announces the name of an app whose routes changed. */
    public static final String ROUTES_CHANGED = PREFIX + "routes:changed";

    /** Message on {@link #ROUTES_CHANGED} asking every reader for a full resync (domains changed, bulk edits). */
    public static final String RESYNC_ALL = "*";

    private static final String ROUTES = PREFIX + "routes:";

    /** Pattern that SCAN uses to find every app's route hash. */
    public static final String ROUTES_PATTERN = ROUTES + "*";

    private RedisKeys() {
    }

    /** HASH normalized prefix → {@link RouteRecord} JSON, one per app. */
    public static String routes(String app) {
        return ROUTES + app;
    }

    /** The app name of a key made by {@link #routes(String)}, or {@code null} for any other key. */
    public static String appOfRoutesKey(String key) {
        if (!key.startsWith(ROUTES) || key.length() == ROUTES.length()) {
            return null;
        }
        return key.substring(ROUTES.length());
    }
}
