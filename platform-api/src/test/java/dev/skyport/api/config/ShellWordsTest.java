package dev.skyport.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnBlanksAndHonoursQuotesAndBackslashes() {
        assertThat(ShellWords.split("  npm   start ")).containsExactly("npm", "start");
        assertThat(ShellWords.split("echo 'a b' \"c d\" e\\ f")).containsExactly("echo", "a b", "c d", "e f");
        assertThat(ShellWords.split("say \"a \\\"quoted\\\" \\n\"")).containsExactly("say", "a \"quoted\" \\n");
        assertThat(ShellWords.split("x''y \"\"")).containsExactly("xy", "");
        assertThat(ShellWords.split("literal '$HOME | && ;'")).containsExactly("literal", "$HOME | && ;");
    }

    @Test
    void refusesWhatNeedsAShellAndShowsTheListForm() {
        assertThatThrownBy(() -> ShellWords.split("node app.js --port $PORT"))
                .hasMessageContaining("uses '$', which needs a shell")
                .hasMessageContaining("command: [\"sh\", \"-c\", \"node app.js --port $PORT\"]");
        assertThatThrownBy(() -> ShellWords.split("a | b")).hasMessageContaining("'|'");
        assertThatThrownBy(() -> ShellWords.split("a > log")).hasMessageContaining("'>'");
        assertThatThrownBy(() -> ShellWords.split("echo \"$X\"")).hasMessageContaining("'$'");
    }

    @Test
    void refusesUnclosedQuotes() {
        assertThatThrownBy(() -> ShellWords.split("echo 'x")).hasMessageContaining("unclosed ' quote");
        assertThatThrownBy(() -> ShellWords.split("echo \"x")).hasMessageContaining("unclosed \" quote");
        assertThatThrownBy(() -> ShellWords.split("echo x\\")).hasMessageContaining("lone '\\'");
    }
}
