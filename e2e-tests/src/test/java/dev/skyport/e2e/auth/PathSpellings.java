package dev.skyport.e2e.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Other ways to spell one path, each of which some parser reads as the same path: {@code ;x}
 * parameters after each segment, a segment's letters percent-encoded, a {@code /} sent as {@code %2F},
 * a doubled {@code /}, a trailing {@code /}, and upper case. Keyed by a label for failure messages.
 */
final class PathSpellings {

    private PathSpellings() {
    }

    static Map<String, String> of(String path) {
        String[] segments = path.substring(1).split("/");
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("plain", path);
        for (int i = 0; i < segments.length; i++) {
            spellings.put("';x' after segment " + i, join(segments, i, segments[i] + ";x", "/"));
            spellings.put("segment " + i + " percent-encoded", join(segments, i, percentEncodeLetters(segments[i]), "/"));
            if (i > 0) {
                spellings.put("%2F before segment " + i, join(segments, i, segments[i], "%2F"));
                spellings.put("// before segment " + i, join(segments, i, segments[i], "//"));
            }
        }
        spellings.put("trailing /", path + "/");
        spellings.put("upper case", path.toUpperCase(Locale.ROOT));
        return spellings;
    }

    /** The path with segment {@code index} replaced, and {@code separator} in front of it. */
    private static String join(String[] segments, int index, String replacement, String separator) {
        List<String> parts = new ArrayList<>(List.of(segments));
        parts.set(index, replacement);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == index ? separator : "/").append(parts.get(i));
        }
        return out.toString();
    }

    private static String percentEncodeLetters(String segment) {
        StringBuilder out = new StringBuilder();
        for (char c : segment.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? String.format(Locale.ROOT, "%%%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
