package dev.skyport.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsABashScriptThatBashAccepts() throws Exception {
        CliRun.Result result = new CliRun(dir).run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F _complete_skycli", "deploy", "rollback", "templates", "--since",
                "--build");
        Path script = dir.resolve("skycli.bash");
        Files.writeString(script, result.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void printsAZshScriptThroughBashcompinit() throws Exception {
        CliRun.Result result = new CliRun(dir).run("completion", "zsh");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("#compdef skycli").contains("bashcompinit", "_complete_skycli");
    }

    @Test
    void rejectsOtherShells() throws Exception {
        assertThat(new CliRun(dir).run("completion", "fish").exitCode()).isEqualTo(2);
    }
}
