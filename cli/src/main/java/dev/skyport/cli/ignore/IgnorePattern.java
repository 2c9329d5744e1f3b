package dev.skyport.cli.ignore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cleaned pattern, compiled the way Docker's pattern matcher compiles it: {@code *} and {@code ?}
 * never match {@code /}; {@code **} matches any number of directories; a pattern without wildcards is
 * compared as text, {@code prefix**} as a prefix and {@code **suffix} as a suffix (Docker's shortcuts,
 * kept because they differ from the regular expression in corner cases such as {@code **foo}).
 */
final class IgnorePattern {

    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final String text;
    private final boolean exception;
    private final Kind kind;
    private final Pattern regex;

    private IgnorePattern(String text, boolean exception, Kind kind, Pattern regex) {
        this.text = text;
        this.exception = exception;
        this.kind = kind;
        this.regex = regex;
    }

    /** Compiles a pattern without its {@code !}; {@link IllegalArgumentException} says why it is malformed. */
    static IgnorePattern compile(String cleaned, boolean exception) {
        String problem = GlobSyntax.problem(cleaned);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        StringBuilder re = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int[] chars = cleaned.codePoints().toArray();
        int pos = 0;
        for (int index = 0; pos < chars.length; index++) {
            int c = chars[pos++];
            if (c == '*') {
                if (pos < chars.length && chars[pos] == '*') {
                    pos++;
                    if (pos < chars.length && chars[pos] == '/') {
                        pos++;
                    }
                    if (pos >= chars.length) {
                        if (kind == Kind.EXACT) {
                            kind = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            kind = Kind.REGEX;
                        }
                    } else {
                        re.append("(.*/)?");
                        kind = Kind.REGEX;
                    }
                    if (index == 0) {
                        kind = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    kind = Kind.REGEX;
                }
            } else if (c == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (".+()|{}$".indexOf(c) >= 0) {
                re.append('\\').appendCodePoint(c);
            } else if (c == '\\') {
                if (pos < chars.length) {
                    re.append('\\').appendCodePoint(chars[pos++]);
                    kind = Kind.REGEX;
                } else {
                    re.append('\\');
                }
            } else if (c == '[' || c == ']') {
                re.appendCodePoint(c);
                kind = Kind.REGEX;
            } else {
                re.appendCodePoint(c);
            }
        }
        Pattern regex = kind == Kind.REGEX ? GoRegex.compile(re.append('$').toString()) : null;
        return new IgnorePattern(cleaned, exception, kind, regex);
    }

    String text() {
        return text;
    }

    boolean isException() {
        return exception;
    }

    /** Whether the pattern matches {@code path} itself (a slash-separated path relative to the context). */
    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(text);
            case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
            case SUFFIX -> {
                String suffix = text.substring(2);
                yield path.endsWith(suffix) || suffix.startsWith("/") && path.equals(suffix.substring(1));
            }
            case REGEX -> regex.matcher(path).matches();
        };
    }

    /**
     * Whether the pattern could match some path inside directory {@code dir} (strictly below it).
     * May answer yes when unsure; never answers no when such a path exists.
     */
    boolean couldMatchInside(String dir) {
        String dirSlash = dir + "/";
        return switch (kind) {
            case EXACT -> text.startsWith(dirSlash);
            case PREFIX -> {
                String prefix = text.substring(0, text.length() - 2);
                yield prefix.startsWith(dirSlash) || dirSlash.startsWith(prefix);
            }
            case SUFFIX -> true;
            case REGEX -> {
                Matcher matcher = regex.matcher(dirSlash);
                yield matcher.matches() || matcher.hitEnd();
            }
        };
    }

    @Override
    public String toString() {
        return (exception ? "!" : "") + text;
    }
}
