package dev.skyport.api.route;

/**
 * A route's path prefix in its normalized form: starts with {@code /}, has no trailing slash
 * (except the root {@code /} itself), no empty, {@code .} or {@code ..} segments.
 * {@code /api/} and {@code /api} are the same prefix.
 */
public record RoutePrefix(String value) implements Comparable<RoutePrefix> {

    public static final RoutePrefix ROOT = new RoutePrefix("/");
    /** Paths under it belong to the platform ({@code /_controller}, {@code /_templates}), never to an app. */
    private static final String RESERVED_START = "/_";

    public RoutePrefix {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Normalizes a prefix as a user or a writer spelled it; throws with a readable reason when it cannot be one. */
    public static RoutePrefix of(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("a route prefix is required, for example /api");
        }
        String trimmed = raw.strip();
        int end = trimmed.length();
        while (end > 1 && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        return new RoutePrefix(trimmed.substring(0, end));
    }

    /** Why {@code value} is not a normalized prefix, or {@code null} when it is one. */
    public static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "a route prefix is required, for example /api";
        }
        if (value.charAt(0) != '/') {
            return "route prefix '" + value + "' must start with '/', for example /" + value;
        }
        if (value.length() == 1) {
            return null;
        }
        if (value.endsWith("/")) {
            return "route prefix '" + value + "' must not end with '/'";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '?' || c == '#' || c == '\\') {
                return "route prefix '" + value + "' contains '" + printable(c)
                        + "'; use letters, digits and - . _ ~ between slashes";
            }
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "route prefix '" + value + "' contains an empty segment ('//')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "route prefix '" + value + "' contains a '" + segment + "' segment";
            }
        }
        return null;
    }

    private static String printable(char c) {
        return c <= ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    public boolean isRoot() {
        return value.length() == 1;
    }

    /** Whether this prefix lies in the platform's reserved space ({@code /_...}). */
    public boolean isReserved() {
        return isReserved(value);
    }

    /**
     * Whether a path or prefix as written ({@code /_controller/v1}, not yet normalized) lies in the platform's
     * reserved space. It compares the bytes as given: a caller holding a raw request path also checks the
     * escaped spelling {@code /%5F}.
     */
    public static boolean isReserved(String path) {
        return path != null && path.startsWith(RESERVED_START);
    }

    /** Number of path segments: 0 for {@code /}, 2 for {@code /a/b}. */
    public int segmentCount() {
        if (isRoot()) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }

    @Override
    public int compareTo(RoutePrefix other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
