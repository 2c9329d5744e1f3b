package dev.skyport.cli.ignore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of one ignore file, matched with Docker's current (BuildKit) semantics: the last
 * matching pattern wins, and a pattern that matches a directory also matches everything inside it.
 */
public final class IgnoreRules {

    private static final IgnoreRules NONE = new IgnoreRules(List.of());

    private final List<IgnorePattern> patterns;
    private final boolean hasExceptions;

    private IgnoreRules(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::isException);
    }

    public static IgnoreRules none() {
        return NONE;
    }

    /** Reads {@code file} (none when it does not exist); a malformed pattern is an error naming its line. */
    public static IgnoreRules read(Path file, String displayName) throws IOException {
        return compile(IgnoreFile.read(file), displayName);
    }

    public static IgnoreRules parse(String text, String displayName) {
        return compile(IgnoreFile.parse(text), displayName);
    }

    /** Reads lines as if they were an ignore file's lines. */
    public static IgnoreRules of(List<String> lines) {
        return parse(String.join("\n", lines), "patterns");
    }

    private static IgnoreRules compile(List<IgnoreLine> lines, String displayName) {
        List<IgnorePattern> compiled = new ArrayList<>();
        for (IgnoreLine line : lines) {
            // Docker trims and cleans once more here, with the '!' still attached.
            String pattern = GoText.trimSpace(line.pattern());
            if (pattern.isEmpty()) {
                continue;
            }
            pattern = GoText.clean(pattern);
            boolean exception = pattern.charAt(0) == '!';
            if (exception) {
                if (pattern.length() == 1) {
                    throw new InvalidIgnoreFileException(displayName + ":" + line.line() + ": '!' alone is not a"
                            + " pattern; write the path to keep after it, for example !README.md");
                }
                pattern = pattern.substring(1);
            }
            try {
                compiled.add(IgnorePattern.compile(pattern, exception));
            } catch (IllegalArgumentException e) {
                throw new InvalidIgnoreFileException(displayName + ":" + line.line() + ": pattern '" + line.pattern()
                        + "' is malformed: " + e.getMessage());
            }
        }
        return compiled.isEmpty() ? NONE : new IgnoreRules(compiled);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns as cleaned, with {@code !} for exceptions. */
    public List<String> patterns() {
        return patterns.stream().map(IgnorePattern::toString).toList();
    }

    /**
     * Matches {@code path} (slash-separated, relative to the context) given its parent directory's
     * state ({@link MatchState#ROOT} for a top-level entry).
     */
    public MatchState evaluate(String path, MatchState parent) {
        if (patterns.isEmpty()) {
            return parent.isRoot() ? MatchState.ROOT : parent;
        }
        boolean excluded = false;
        boolean[] matched = new boolean[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern pattern = patterns.get(i);
            boolean match = parent.matched(i);
            if (!match) {
                // Only a pattern that could change the outcome is evaluated, as in Docker.
                if (pattern.isException() != excluded) {
                    continue;
                }
                match = pattern.matches(path) || parent.isRoot() && matchesAParent(pattern, path);
            }
            matched[i] = match;
            if (match) {
                excluded = !pattern.isException();
            }
        }
        return new MatchState(excluded, matched);
    }

    /** Whether {@code path} is excluded, computed from scratch (walkers pass states down instead). */
    public boolean excludes(String path) {
        MatchState state = MatchState.ROOT;
        int slash = path.indexOf('/');
        while (slash >= 0) {
            state = evaluate(path.substring(0, slash), state);
            slash = path.indexOf('/', slash + 1);
        }
        return evaluate(path, state).excluded();
    }

    /**
     * Whether an exception could re-include something strictly inside excluded directory {@code dir};
     * when not, the directory need not be read at all.
     */
    public boolean mayIncludeInside(String dir) {
        if (!hasExceptions) {
            return false;
        }
        for (IgnorePattern pattern : patterns) {
            if (pattern.isException() && pattern.couldMatchInside(dir)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAParent(IgnorePattern pattern, String path) {
        int slash = path.indexOf('/');
        while (slash >= 0) {
            if (pattern.matches(path.substring(0, slash))) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }
}
