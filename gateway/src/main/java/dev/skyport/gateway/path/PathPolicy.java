package dev.skyport.gateway.path;

/**
 * How strictly a request path is checked before routing. Both refuse what changes the path's structure
 * (encoded or raw slashes and backslashes, dot and empty segments, control characters, broken escapes).
 */
public enum PathPolicy {

    /** Also refuses {@code ;} parameters and percent-encoded unreserved characters: one spelling per path. */
    STRICT,

    /**
     * Lets {@code ;} parameters ({@code ;jsessionid=...}) and encoded unreserved characters through, for apps
     * that need them. Dot segments are still refused, also when a parameter hides them ({@code ..;x}).
     */
    RELAXED
}
