package dev.skyport.cli.ignore;

/**
 * The syntax check Docker runs on each pattern (Go's {@code filepath.Match} error cases): a trailing
 * {@code \}, an unclosed or empty {@code [...]}, a range with a missing end, a class starting with
 * {@code -} or {@code ]}.
 */
final class GlobSyntax {

    private GlobSyntax() {
    }

    /** Why {@code pattern} is malformed, or {@code null} when it is well formed. */
    static String problem(String pattern) {
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return "it ends with a lone '\\' (escape a character after it, or write \\\\)";
                }
                i += 2;
            } else if (c == '[') {
                int end = classEnd(pattern, i + 1);
                if (end < 0) {
                    return "its character class at column " + (i + 1) + " is malformed (unclosed '[', empty class,"
                            + " or a range with a missing end); escape a literal '[' as \\[";
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    /** The index after the class's {@code ]}, or -1 when the class is malformed. */
    private static int classEnd(String p, int start) {
        int i = start;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
                return i + 1;
            }
            i = classChar(p, i);
            if (i < 0) {
                return -1;
            }
            if (p.charAt(i) == '-') {
                i = classChar(p, i + 1);
                if (i < 0) {
                    return -1;
                }
            }
            ranges++;
        }
    }

    /** Go's getEsc: one (possibly escaped) class character; -1 when missing, or when nothing follows it. */
    private static int classChar(String p, int i) {
        if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
            return -1;
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= p.length()) {
                return -1;
            }
        }
        i += Character.charCount(p.codePointAt(i));
        return i >= p.length() ? -1 : i;
    }
}
