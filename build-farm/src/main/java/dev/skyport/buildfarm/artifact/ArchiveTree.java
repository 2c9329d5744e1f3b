package dev.skyport.buildfarm.artifact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree an extraction of the archive builds, entry by entry, in archive order. Paths are
 * normalised ({@code a/b}, the root is {@code ""}) and never pass through a link, since an entry
 * beneath a link is refused. Symbolic links are resolved the way the kernel would resolve them in
 * this tree: each component that is a link is replaced by its target, {@code ..} applies to where
 * the link led, and at most {@link #MAX_LINK_HOPS} links are followed.
 */
final class ArchiveTree {

    /** Linux gives up with ELOOP after 40 links; a longer chain has no use in a build context. */
    static final int MAX_LINK_HOPS = 40;

    enum Kind { DIRECTORY, FILE, SYMLINK }

    /** {@code explicit} is false for a directory that exists only because entries lie inside it. */
    private record Node(Kind kind, String linkTarget, boolean explicit) {
    }

    /** Where a symbolic link leads: inside the root, outside it, or round in circles. */
    enum Outcome { INSIDE, ESCAPES, LOOP }

    /** {@code via} lists the links followed on the way, as {@code name -> target}. */
    record Resolution(Outcome outcome, List<String> via) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    ArchiveTree() {
        nodes.put("", new Node(Kind.DIRECTORY, null, false));
    }

    /**
     * Adds a directory, a file (a hard link counts as one) or a symbolic link at {@code path}, refusing
     * any path already used; {@code name} is the entry's name as archived, for the error.
     */
    void add(String name, String path, Kind kind, String linkTarget) {
        createParents(name, path);
        Node existing = nodes.get(path);
        if (existing != null) {
            if (existing.explicit()) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' appears more than once in the archive; what the build would see depends on which copy"
                        + " is extracted last, so archive each path once");
            }
            if (kind != Kind.DIRECTORY) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' is a " + describe(kind) + ", but earlier entries lie inside it as a directory; archive"
                        + " each path once");
            }
        }
        nodes.put(path, new Node(kind, linkTarget, true));
    }

    /** True when {@code path} is a regular file already in the tree (what a hard link may name). */
    boolean isFile(String path) {
        Node node = nodes.get(path);
        return node != null && node.kind() == Kind.FILE;
    }

    /** Every symbolic link in the tree, path to target, in archive order. */
    Map<String, String> symlinks() {
        Map<String, String> links = new LinkedHashMap<>();
        nodes.forEach((path, node) -> {
            if (node.kind() == Kind.SYMLINK) {
                links.put(path, node.linkTarget());
            }
        });
        return links;
    }

    /** Resolves a relative link target from the link's directory; {@code followLinks} false reads it as a plain path. */
    Resolution resolve(String linkPath, String target, boolean followLinks) {
        Deque<String> at = new ArrayDeque<>(segments(parentOf(linkPath)));
        Deque<String> pending = new ArrayDeque<>(segments(target));
        List<String> via = new ArrayList<>();
        while (!pending.isEmpty()) {
            String segment = pending.removeFirst();
            if (segment.equals("..")) {
                if (at.isEmpty()) {
                    return new Resolution(Outcome.ESCAPES, via);
                }
                at.removeLast();
                continue;
            }
            at.addLast(segment);
            Node node = followLinks ? nodes.get(String.join("/", at)) : null;
            if (node != null && node.kind() == Kind.SYMLINK) {
                String linkName = String.join("/", at);
                via.add(linkName + " -> " + node.linkTarget());
                // The link being resolved is the first hop, as it is for the kernel.
                if (via.size() + 1 > MAX_LINK_HOPS) {
                    return new Resolution(Outcome.LOOP, via);
                }
                if (node.linkTarget().startsWith("/")) {
                    return new Resolution(Outcome.ESCAPES, via);
                }
                at.removeLast();
                List<String> replacement = segments(node.linkTarget());
                for (int i = replacement.size() - 1; i >= 0; i--) {
                    pending.addFirst(replacement.get(i));
                }
            }
        }
        return new Resolution(Outcome.INSIDE, via);
    }

    private void createParents(String name, String path) {
        String parent = "";
        for (String segment : segments(parentOf(path))) {
            parent = parent.isEmpty() ? segment : parent + "/" + segment;
            Node node = nodes.get(parent);
            if (node == null) {
                nodes.put(parent, new Node(Kind.DIRECTORY, null, false));
            } else if (node.kind() == Kind.SYMLINK) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.ENTRY_BENEATH_LINK, name, "entry '" + name
                        + "' lies beneath the symbolic link '" + parent + "'; an archive must not write through links,"
                        + " so archive the files at their real path");
            } else if (node.kind() == Kind.FILE) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.DUPLICATE_ENTRY, name, "entry '" + name
                        + "' lies inside '" + parent + "', which the archive already holds as a file; archive each"
                        + " path once");
            }
        }
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
