package dev.skyport.cli.ignore;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the regular expression Docker builds from a pattern (Go RE2 syntax) into an equivalent
 * {@link Pattern}. The two dialects differ inside brackets ({@code [} and {@code &} are literal in Go),
 * in some escapes, and in {@code $} (end of text in Go, end or before a final newline in Java).
 */
final class GoRegex {

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\t\\n\\x0B\\f\\r "),
            Map.entry("upper", "\\p{Upper}"), Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private final String go;
    private final StringBuilder java = new StringBuilder();
    private int i;

    private GoRegex(String go) {
        this.go = go;
    }

    /** The Java pattern, or an {@link IllegalArgumentException} where Go's compiler would fail too. */
    static Pattern compile(String goRegex) {
        String translated = new GoRegex(goRegex).translate();
        try {
            return Pattern.compile(translated, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("it is not a valid pattern (" + e.getDescription() + ")", e);
        }
    }

    private String translate() {
        while (i < go.length()) {
            int c = go.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> java.append(escape(false));
                case '[' -> charClass();
                case ']' -> java.append("\\]");
                case '$' -> java.append("\\z");
                default -> java.appendCodePoint(c);
            }
        }
        return java.toString();
    }

    /** An escape after {@code \}: a literal, or a Perl class; {@code inClass} gives the class body form. */
    private String escape(boolean inClass) {
        if (i >= go.length()) {
            throw new IllegalArgumentException("it ends with a lone '\\'");
        }
        int c = go.codePointAt(i);
        i += Character.charCount(c);
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            return "\\" + (char) c;
        }
        return switch (c) {
            case 'a' -> "\\x07";
            case 'f' -> "\\f";
            case 't' -> "\\t";
            case 'n' -> "\\n";
            case 'r' -> "\\r";
            case 'v' -> "\\x0B";
            case 'd', 'D', 'w', 'W' -> "\\" + (char) c;
            case 's' -> inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
            case 'S' -> {
                if (inClass) {
                    throw new IllegalArgumentException("it uses \\S inside [...], which skycli does not support");
                }
                yield "[^\\t\\n\\f\\r ]";
            }
            case 'b', 'B', 'A', 'z' -> {
                if (inClass) {
                    throw new IllegalArgumentException("it uses an invalid escape \\" + (char) c + " inside [...]");
                }
                yield "\\" + (char) c;
            }
            default -> throw new IllegalArgumentException("it uses the escape \\" + Character.toString(c)
                    + ", which Docker's matcher rejects; escape only punctuation");
        };
    }

    /** A Go bracket expression: {@code ]} right after the opening is literal, {@code [} is literal inside. */
    private void charClass() {
        java.append('[');
        if (i < go.length() && go.charAt(i) == '^') {
            java.append('^');
            i++;
        }
        boolean first = true;
        while (i < go.length() && (go.charAt(i) != ']' || first)) {
            first = false;
            if (go.startsWith("[:", i)) {
                int close = go.indexOf(":]", i + 2);
                if (close > 0) {
                    java.append(posixClass(go.substring(i + 2, close)));
                    i = close + 2;
                    continue;
                }
            }
            String lo = classChar();
            if (i + 1 < go.length() && go.charAt(i) == '-' && go.charAt(i + 1) != ']') {
                i++;
                java.append(lo).append('-').append(classChar());
            } else {
                java.append(lo);
            }
        }
        if (i >= go.length()) {
            throw new IllegalArgumentException("it has an unclosed '['");
        }
        i++;
        java.append(']');
    }

    private String classChar() {
        int c = go.codePointAt(i);
        i += Character.charCount(c);
        if (c == '\\') {
            return escape(true);
        }
        return "[]\\^-&".indexOf(c) >= 0 ? "\\" + (char) c : Character.toString(c);
    }

    private static String posixClass(String name) {
        boolean negated = name.startsWith("^");
        String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
        if (java == null) {
            throw new IllegalArgumentException("it uses the unknown class [:" + name + ":]");
        }
        return negated ? "[^" + java + "]" : java;
    }
}
