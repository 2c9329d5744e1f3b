package dev.skyport.cli.ignore;

/**
 * The result of matching one path, kept for its children: whether the path is excluded, and which
 * patterns matched it or a parent. Docker's walker passes the same per-pattern results down, so a
 * pattern that matched a directory keeps matching everything inside it.
 */
public final class MatchState {

    /** The state above the context's top-level entries: nothing matched yet. */
    public static final MatchState ROOT = new MatchState(false, null);

    private final boolean excluded;
    private final boolean[] matched;

    MatchState(boolean excluded, boolean[] matched) {
        this.excluded = excluded;
        this.matched = matched;
    }

    public boolean excluded() {
        return excluded;
    }

    boolean matched(int pattern) {
        return matched != null && matched[pattern];
    }

    boolean isRoot() {
        return matched == null;
    }
}
