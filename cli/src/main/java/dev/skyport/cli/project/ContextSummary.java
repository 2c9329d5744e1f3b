package dev.skyport.cli.project;

import dev.skyport.cli.context.ContextEntry;
import dev.skyport.cli.context.EntryKind;
import dev.skyport.cli.output.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Totals of what a context sends, and advice: the largest top-level directories, and warnings for a
 * large context or directories that rarely belong in an image.
 */
public final class ContextSummary {

    /** Above either, the context is called large. */
    public static final long LARGE_BYTES = 100L * 1000 * 1000;
    public static final long LARGE_FILES = 10_000;
    private static final Set<String> USUALLY_UNWANTED = Set.of("node_modules", ".git", "venv", ".venv", "target");

    private long files;
    private long bytes;
    private final Map<String, Long> bytesByTopDirectory = new TreeMap<>();
    private final Set<String> unwanted = new LinkedHashSet<>();

    public void add(ContextEntry entry) {
        String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
        if (entry.kind() == EntryKind.DIRECTORY) {
            if (USUALLY_UNWANTED.contains(name) && unwanted.stream().noneMatch(u -> entry.path().startsWith(u + "/"))) {
                unwanted.add(entry.path());
            }
            return;
        }
        files++;
        bytes += entry.size();
        int slash = entry.path().indexOf('/');
        if (slash > 0) {
            bytesByTopDirectory.merge(entry.path().substring(0, slash), entry.size(), Long::sum);
        }
    }

    public long files() {
        return files;
    }

    public long bytes() {
        return bytes;
    }

    /** Up to {@code limit} top-level directories by the bytes they send, largest first. */
    public List<Map.Entry<String, Long>> largestDirectories(int limit) {
        return bytesByTopDirectory.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).toList();
    }

    /** Directories such as node_modules that are sent, outermost only. */
    public List<String> unwantedDirectories() {
        return List.copyOf(unwanted);
    }

    /** Warnings with the lines to add to {@code ignoreFile}. */
    public List<String> warnings(String ignoreFile) {
        List<String> warnings = new ArrayList<>();
        if (!unwanted.isEmpty()) {
            Set<String> lines = new LinkedHashSet<>();
            for (String path : unwanted) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                lines.add(path.contains("/") ? "**/" + name : name);
            }
            warnings.add("the context sends " + String.join(", ", unwanted) + ", which images rarely need; add to "
                    + ignoreFile + ":\n    " + String.join("\n    ", lines));
        }
        if (bytes > LARGE_BYTES || files > LARGE_FILES) {
            warnings.add("the context is large (" + files + " files, " + Bytes.human(bytes) + ") and every deploy"
                    + " uploads it; leave out what the image does not need in " + ignoreFile);
        }
        return warnings;
    }
}
