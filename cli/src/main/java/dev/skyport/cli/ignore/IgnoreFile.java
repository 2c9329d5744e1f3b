package dev.skyport.cli.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .dockerignore} (and {@code .skyignore}) lines the way Docker's reader does:
 * a byte-order mark is dropped, {@code #} starts a comment only in column 1, white space is trimmed
 * (also after a leading {@code !}), the pattern is cleaned like Go's {@code filepath.Clean}, and one
 * leading {@code /} is dropped.
 */
public final class IgnoreFile {

    private IgnoreFile() {
    }

    public static List<IgnoreLine> parse(String text) {
        List<IgnoreLine> patterns = new ArrayList<>();
        List<String> lines = splitLines(text);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (index == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = GoText.trimSpace(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.charAt(0) == '!';
            if (exception) {
                pattern = GoText.trimSpace(pattern.substring(1));
            }
            if (!pattern.isEmpty()) {
                pattern = GoText.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            patterns.add(new IgnoreLine(index + 1, exception ? "!" + pattern : pattern));
        }
        return patterns;
    }

    /** The patterns of {@code file}, or none when it does not exist. */
    public static List<IgnoreLine> read(Path file) throws IOException {
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Go's line scanner: split on LF, drop one CR before it, no empty last line after a final LF. */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            int stop = end < 0 ? text.length() : end;
            if (stop > start && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            lines.add(text.substring(start, stop));
            start = next;
        }
        return lines;
    }
}
