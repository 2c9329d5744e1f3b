package dev.skyport.buildfarm.artifact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree an extraction of the archive builds, entry by entry, in archive order. Paths are
 * normalised ({@code a/b}, the root is {@code ""}) and never pass through a link, since an entry
 * beneath a link is refused. Symbolic links are resolved the way the kernel would resolve them in
 * this tree: each component that is a link is replaced by its target, {@code ..} applies to where
 * the link led, and at most {@link #MAX_LINK_HOPS} links are followed.
 *
 * <p>Nodes hold their children by segment, so walking a path costs one lookup per segment: no
 * path string is built per step, which for a target of N segments would cost O(N²).
 */
final class ArchiveTree {

    /** Linux gives up with ELOOP after 40 links; a longer chain has no use in a build context. */
    static final int MAX_LINK_HOPS = 40;

    enum Kind { DIRECTORY, FILE, SYMLINK }

    /** One path; an implicit directory ({@code explicit} false) becomes explicit when archived itself. */
    private static final class Node {
        private Kind kind;
        private String linkTarget;
        private boolean explicit;
        private Map<String, Node> children;

        private Node(Kind kind, String linkTarget, boolean explicit) {
            this.kind = kind;
            this.linkTarget = linkTarget;
            this.explicit = explicit;
        }

        private Node child(String segment) {
            return children == null ? null : children.get(segment);
        }

        private Node addChild(String segment, Node child) {
            if (children == null) {
                children = new HashMap<>();
            }
            children.put(segment, child);
            return child;
        }
    }

    /** Where a symbolic link leads: inside the root, outside it, or round in circles. */
    enum Outcome { INSIDE, ESCAPES, LOOP }

    /** {@code via} lists the links followed on the way, as {@code name -> target}. */
    record Resolution(Outcome outcome, List<String> via) {
    }

    private final Node root = new Node(Kind.DIRECTORY, null, false);
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    /**
     * Adds a directory, a file (a hard link counts as one) or a symbolic link at {@code path}, refusing
     * any path already used; {@code name} is the entry's name as archived, for the error.
     */
    void add(String name, String path, Kind kind, String linkTarget) {
        List<String> segments = segments(path);
        Node parent = segments.isEmpty() ? null : createParents(name, segments);
        String last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        Node existing = parent == null ? root : parent.child(last);
        if (existing != null) {
            if (existing.explicit) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' appears more than once in the archive; what the build would see depends on which copy"
                        + " is extracted last, so archive each path once");
            }
            if (kind != Kind.DIRECTORY) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' is a " + describe(kind) + ", but earlier entries lie inside it as a directory; archive"
                        + " each path once");
            }
            existing.explicit = true;
            return;
        }
        parent.addChild(last, new Node(kind, linkTarget, true));
        if (kind == Kind.SYMLINK) {
            symlinks.put(path, linkTarget);
        }
    }

    /** True when {@code path} is a regular file already in the tree (what a hard link may name). */
    boolean isFile(String path) {
        Node node = root;
        for (String segment : segments(path)) {
            node = node.child(segment);
            if (node == null) {
                return false;
            }
        }
        return node.kind == Kind.FILE;
    }

    /** Every symbolic link in the tree, path to target, in archive order. */
    Map<String, String> symlinks() {
        return Collections.unmodifiableMap(symlinks);
    }

    /** Resolves a relative link target from the link's directory; {@code followLinks} false reads it as a plain path. */
    Resolution resolve(String linkPath, String target, boolean followLinks) {
        // names and nodes grow and shrink together; a null node is a path the archive does not hold.
        List<String> names = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (String segment : segments(parentOf(linkPath))) {
            descend(names, nodes, segment);
        }
        Deque<String> pending = new ArrayDeque<>(segments(target));
        List<String> via = new ArrayList<>();
        while (!pending.isEmpty()) {
            String segment = pending.removeFirst();
            if (segment.equals("..")) {
                if (names.isEmpty()) {
                    return new Resolution(Outcome.ESCAPES, via);
                }
                names.remove(names.size() - 1);
                nodes.remove(nodes.size() - 1);
                continue;
            }
            Node node = descend(names, nodes, segment);
            if (followLinks && node != null && node.kind == Kind.SYMLINK) {
                // Built only when a link is followed: at most MAX_LINK_HOPS times.
                via.add(String.join("/", names) + " -> " + node.linkTarget);
                // The link being resolved is the first hop, as it is for the kernel.
                if (via.size() + 1 > MAX_LINK_HOPS) {
                    return new Resolution(Outcome.LOOP, via);
                }
                if (node.linkTarget.startsWith("/")) {
                    return new Resolution(Outcome.ESCAPES, via);
                }
                names.remove(names.size() - 1);
                nodes.remove(nodes.size() - 1);
                List<String> replacement = segments(node.linkTarget);
                for (int i = replacement.size() - 1; i >= 0; i--) {
                    pending.addFirst(replacement.get(i));
                }
            }
        }
        return new Resolution(Outcome.INSIDE, via);
    }

    /** Steps into {@code segment}; the node there, or null when the archive does not hold that path. */
    private Node descend(List<String> names, List<Node> nodes, String segment) {
        Node parent = nodes.isEmpty() ? root : nodes.get(nodes.size() - 1);
        Node node = parent == null ? null : parent.child(segment);
        names.add(segment);
        nodes.add(node);
        return node;
    }

    /** The directory that will hold the last segment, creating implicit directories on the way. */
    private Node createParents(String name, List<String> segments) {
        Node parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Node node = parent.child(segments.get(i));
            if (node == null) {
                node = parent.addChild(segments.get(i), new Node(Kind.DIRECTORY, null, false));
            } else if (node.kind == Kind.SYMLINK) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.ENTRY_BENEATH_LINK, name, "entry '" + name
                        + "' lies beneath the symbolic link '" + String.join("/", segments.subList(0, i + 1))
                        + "'; an archive must not write through links, so archive the files at their real path");
            } else if (node.kind == Kind.FILE) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' lies inside '" + String.join("/", segments.subList(0, i + 1)) + "', which the archive"
                        + " already holds as a file; archive each path once");
            }
            parent = node;
        }
        return parent;
    }

    /** The non-empty, non-{@code .} segments of a slash-separated path. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case DIRECTORY -> "directory";
            case FILE -> "file";
            case SYMLINK -> "symbolic link";
        };
    }
}
