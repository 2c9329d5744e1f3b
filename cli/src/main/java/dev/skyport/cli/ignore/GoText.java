package dev.skyport.cli.ignore;

/**
 * The two string functions of Go's standard library that decide how Docker reads an ignore file,
 * reproduced so patterns are cleaned exactly as Docker cleans them.
 */
final class GoText {

    private GoText() {
    }

    /** Go's {@code strings.TrimSpace}: trims Unicode white space (which differs from {@link String#strip()}). */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f',
                 '\u205f', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200a';
        };
    }

    /**
     * Go's {@code path/filepath.Clean} on a slash-separated path: one slash between names, no {@code .}
     * names, {@code name/..} removed, {@code ..} dropped at the root, no trailing slash; {@code "."} when empty.
     */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        StringBuilder out = new StringBuilder();
        int dotDotFloor = 0; // out.length() below which ".." cannot remove names
        if (rooted) {
            out.append('/');
            dotDotFloor = 1;
        }
        int i = rooted ? 1 : 0;
        int n = path.length();
        while (i < n) {
            if (path.charAt(i) == '/') {
                i++;
            } else if (path.charAt(i) == '.' && (i + 1 == n || path.charAt(i + 1) == '/')) {
                i++;
            } else if (path.charAt(i) == '.' && path.charAt(i + 1) == '.' && (i + 2 == n || path.charAt(i + 2) == '/')) {
                i += 2;
                if (out.length() > dotDotFloor) {
                    int w = out.length() - 1;
                    while (w > dotDotFloor && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotDotFloor = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (i < n && path.charAt(i) != '/') {
                    out.append(path.charAt(i));
                    i++;
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
