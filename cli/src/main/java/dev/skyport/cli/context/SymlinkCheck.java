package dev.skyport.cli.context;

import java.util.ArrayDeque;
import java.util.Deque;

/** A symlink is archived as a link; it must point inside the context, or the image would see a dangling link. */
final class SymlinkCheck {

    private SymlinkCheck() {
    }

    static void requireInside(String linkPath, String target) {
        if (target.startsWith("/")) {
            throw escapes(linkPath, target, "an absolute path");
        }
        Deque<String> parts = new ArrayDeque<>();
        String[] linkParts = linkPath.split("/");
        for (int i = 0; i < linkParts.length - 1; i++) {
            parts.addLast(linkParts[i]);
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw escapes(linkPath, target, "outside the context");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
    }

    private static ContextException escapes(String linkPath, String target, String what) {
        return new ContextException("symlink '" + linkPath + "' points to " + what + " ('" + target + "'); the build"
                + " only sees the context: replace the link with the file, or add the link to .dockerignore");
    }
}
