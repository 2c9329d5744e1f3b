package dev.skyport.cli.context;

import dev.skyport.cli.ignore.IgnoreRules;
import dev.skyport.cli.ignore.MatchState;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a build context in archive order and decides, entry by entry, what Docker would send.
 *
 * <p>The context is the user's directory, optionally merged with a runtime template's files. The
 * {@code rules} (a {@code .dockerignore}) apply to the merged tree; each layer's own filter (a
 * {@code .skyignore}) applies to that layer's files first. Paths in {@code alwaysSent} are sent even
 * when excluded, as Docker always sends the Dockerfile and {@code .dockerignore}.
 *
 * <p>An excluded directory is read only when an exception (or an always-sent path) could apply inside
 * it, so an excluded {@code node_modules} is never opened. An excluded directory that is read is
 * archived only as the parent of something included, as Docker's walker does.
 *
 * <p>Entries come sorted by path (byte order of the full path), directories before their contents.
 */
public final class ContextWalker {

    private final ContextLayer template;
    private final ContextLayer user;
    private final IgnoreRules rules;
    private final Set<String> alwaysSent;

    private long directoriesRead;
    private final List<String> skipped = new ArrayList<>();

    /**
     * @param template   a runtime template's files, or {@code null}
     * @param user       the user's context directory
     * @param rules      the {@code .dockerignore} rules applied to the merged tree
     * @param alwaysSent paths sent even when the rules exclude them
     */
    public ContextWalker(ContextLayer template, ContextLayer user, IgnoreRules rules, Set<String> alwaysSent) {
        this.template = template;
        this.user = user;
        this.rules = rules == null ? IgnoreRules.none() : rules;
        this.alwaysSent = Set.copyOf(alwaysSent);
    }

    /** Emits every entry to send; throws {@link ContextException} for a conflict or an escaping symlink. */
    public WalkStats walk(ContextVisitor visitor) throws IOException {
        directoriesRead = 0;
        skipped.clear();
        walk("", MatchState.ROOT, MatchState.ROOT, true, template != null, new ArrayDeque<>(), visitor, false);
        return new WalkStats(directoriesRead, skipped);
    }

    private record Node(String name, DirectoryListing.Child fromTemplate, DirectoryListing.Child fromUser) {

        boolean isDirectory() {
            return (fromTemplate != null ? fromTemplate : fromUser).isDirectory();
        }

        /** Directories sort as if their name ended with '/', which makes the full paths sorted. */
        String sortKey() {
            return isDirectory() ? name + "/" : name;
        }
    }

    private void walk(String dir, MatchState ruleState, MatchState userState, boolean listUser, boolean listTemplate,
                      Deque<ContextEntry> pending, ContextVisitor visitor, boolean dirExcluded) throws IOException {
        List<Node> nodes = merge(dir, listTemplate ? read(template, dir, false) : List.of(),
                listUser ? read(user, dir, dirExcluded) : List.of());
        for (Node node : nodes) {
            String path = dir.isEmpty() ? node.name() : dir + "/" + node.name();
            MatchState ruleMatch = rules.evaluate(path, ruleState);
            MatchState userMatch = node.fromUser() != null ? user.filter().evaluate(path, userState) : null;
            boolean fromUser = node.fromUser() != null && !userMatch.excluded();
            boolean present = node.fromTemplate() != null || fromUser;
            boolean included = present && (!ruleMatch.excluded() || alwaysSent.contains(path));
            DirectoryListing.Child child = node.fromTemplate() != null ? node.fromTemplate() : node.fromUser();

            if (node.isDirectory()) {
                boolean userListable = node.fromUser() != null
                        && (fromUser || user.filter().mayIncludeInside(path));
                boolean descend = (node.fromTemplate() != null || userListable)
                        && (!ruleMatch.excluded() || rules.mayIncludeInside(path) || alwaysSentInside(path));
                ContextEntry entry = new ContextEntry(path, EntryKind.DIRECTORY, 0, false, null, child.file());
                if (included) {
                    flush(pending, visitor);
                    visitor.accept(entry);
                } else if (descend) {
                    pending.addLast(entry);
                }
                if (descend) {
                    walk(path, ruleMatch, userMatch == null ? MatchState.ROOT : userMatch, userListable,
                            node.fromTemplate() != null, pending, visitor, !included);
                    if (!pending.isEmpty() && pending.peekLast() == entry) {
                        pending.removeLast();
                    }
                }
            } else if (included) {
                if (child.kind() == null) {
                    skipped.add(path);
                    continue;
                }
                if (child.kind() == EntryKind.SYMLINK) {
                    SymlinkCheck.requireInside(path, child.linkTarget());
                }
                flush(pending, visitor);
                visitor.accept(new ContextEntry(path, child.kind(), child.size(), child.executable(),
                        child.linkTarget(), child.file()));
            }
        }
    }

    private List<DirectoryListing.Child> read(ContextLayer layer, String dir, boolean excluded) throws IOException {
        directoriesRead++;
        try {
            return DirectoryListing.list(dir.isEmpty() ? layer.root() : layer.root().resolve(dir));
        } catch (AccessDeniedException e) {
            if (excluded) {
                return List.of(); // Docker ignores what it cannot read inside an excluded directory
            }
            throw new ContextException("cannot read directory " + (dir.isEmpty() ? "." : dir) + " in "
                    + layer.label() + ": permission denied; make it readable or add it to .dockerignore", e);
        }
    }

    private List<Node> merge(String dir, List<DirectoryListing.Child> fromTemplate,
                             List<DirectoryListing.Child> fromUser) {
        TreeMap<String, DirectoryListing.Child> templateByName = new TreeMap<>();
        fromTemplate.forEach(c -> templateByName.put(c.name(), c));
        List<Node> nodes = new ArrayList<>();
        for (DirectoryListing.Child u : fromUser) {
            DirectoryListing.Child t = templateByName.remove(u.name());
            if (t != null && !(t.isDirectory() && u.isDirectory())) {
                String path = dir.isEmpty() ? u.name() : dir + "/" + u.name();
                if (user.filter().excludes(path)) {
                    nodes.add(new Node(t.name(), t, null));
                    continue;
                }
                throw new ContextException("'" + path + "' is both in " + user.label() + " and in " + template.label()
                        + "; remove or rename yours, or list it in .skyignore");
            }
            nodes.add(new Node(u.name(), t, u));
        }
        templateByName.values().forEach(t -> nodes.add(new Node(t.name(), t, null)));
        nodes.sort(Comparator.comparing(Node::sortKey));
        return nodes;
    }

    private boolean alwaysSentInside(String dir) {
        String prefix = dir + "/";
        return alwaysSent.stream().anyMatch(p -> p.startsWith(prefix));
    }

    private static void flush(Deque<ContextEntry> pending, ContextVisitor visitor) throws IOException {
        while (!pending.isEmpty()) {
            visitor.accept(pending.removeFirst());
        }
    }
}
