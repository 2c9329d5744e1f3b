package dev.skyport.gateway.route;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The routes of one app, indexed by normalized prefix. A lookup tries the request path cut at each
 * segment boundary, longest first, so its cost depends on the path's depth, never on the number of routes.
 */
public final class AppRoutes {

    public static final AppRoutes EMPTY = new AppRoutes(Map.of());

    private final Map<String, ServedRoute> byPrefix;
    private final int maxSegments;

    public AppRoutes(Map<String, ServedRoute> byPrefix) {
        this.byPrefix = Collections.unmodifiableMap(new HashMap<>(byPrefix));
        this.maxSegments = byPrefix.values().stream().mapToInt(r -> r.prefix().segmentCount()).max().orElse(0);
    }

    public ServedRoute get(String normalizedPrefix) {
        return byPrefix.get(normalizedPrefix);
    }

    public Collection<ServedRoute> all() {
        return byPrefix.values();
    }

    public int size() {
        return byPrefix.size();
    }

    /**
     * The route with the longest prefix that matches {@code rawPath} on whole segments: {@code /a} matches
     * {@code /a}, {@code /a/} and {@code /a/b}, never {@code /apple}. Null when none does.
     */
    public ServedRoute match(String rawPath) {
        if (byPrefix.isEmpty()) {
            return null;
        }
        String candidate = withoutTrailingSlashes(rawPath);
        candidate = cutToSegments(candidate, maxSegments);
        while (true) {
            ServedRoute route = byPrefix.get(candidate);
            if (route != null) {
                return route;
            }
            if (candidate.length() <= 1) {
                return null;
            }
            int slash = candidate.lastIndexOf('/');
            candidate = slash <= 0 ? "/" : withoutTrailingSlashes(candidate.substring(0, slash));
        }
    }

    /** Drops segments past {@code max}: no prefix is deeper, so those candidates cannot match. */
    private static String cutToSegments(String path, int max) {
        int seen = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++seen > max) {
                return i == 0 ? "/" : withoutTrailingSlashes(path.substring(0, i));
            }
        }
        return path;
    }

    private static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == path.length() ? path : path.substring(0, end);
    }
}
