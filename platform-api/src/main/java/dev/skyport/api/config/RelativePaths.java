package dev.skyport.api.config;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths that must stay inside a directory, written with {@code /}. */
final class RelativePaths {

    private RelativePaths() {
    }

    /**
     * {@code ./docker/../Dockerfile} becomes {@code Dockerfile}; {@code null} when the path is absolute
     * or climbs out with {@code ..}; empty when it names the directory itself.
     */
    static String normalize(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
