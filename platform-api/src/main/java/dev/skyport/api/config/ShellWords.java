package dev.skyport.api.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command} string into words as a POSIX shell would (quotes and backslashes),
 * without running one. The image's command runs without a shell, so anything that needs a shell
 * (pipes, {@code &&}, redirections, {@code $VAR}) is rejected with the list form that works.
 */
public final class ShellWords {

    private static final String OPERATORS = "|&;<>()`";

    private ShellWords() {
    }

    /** The words, or an {@link IllegalArgumentException} saying what cannot be split and how to write it. */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("command has an unclosed ' quote; close it or write the command as a list");
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(command, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw new IllegalArgumentException("command ends with a lone '\\'; remove it or write the command as a list");
                }
                char next = command.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else if (c == '$' || OPERATORS.indexOf(c) >= 0) {
                throw needsShell(command, c == '$' ? "$" : String.valueOf(c));
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int readDoubleQuoted(String command, int start, StringBuilder word) {
        int i = start;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '$' || c == '`') {
                throw needsShell(command, String.valueOf(c));
            }
            if (c == '\\' && i + 1 < command.length() && "\\\"$`\n".indexOf(command.charAt(i + 1)) >= 0) {
                if (command.charAt(i + 1) != '\n') {
                    word.append(command.charAt(i + 1));
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("command has an unclosed \" quote; close it or write the command as a list");
    }

    private static IllegalArgumentException needsShell(String command, String what) {
        return new IllegalArgumentException("command uses '" + what + "', which needs a shell, but the command runs"
                + " without one; write it as command: [\"sh\", \"-c\", " + quoteForYaml(command) + "]");
    }

    private static String quoteForYaml(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
