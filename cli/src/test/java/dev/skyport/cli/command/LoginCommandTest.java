package dev.skyport.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

    @TempDir
    Path dir;

    @Test
    void storesEndpointAndTokenReadableByTheOwnerOnly() throws Exception {
        CliRun cli = new CliRun(dir);

        CliRun.Result result = cli.run("login", "--endpoint", "http://127.0.0.1:8080/", "--token", "sk_123");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path config = cli.home().resolve("config");
        assertThat(Files.readString(config)).contains("\"endpoint\" : \"http://127.0.0.1:8080\"", "\"token\" : \"sk_123\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(result.out()).contains("logged in to http://127.0.0.1:8080");
        assertThat(dir.resolve("home/.skyport")).doesNotExist();
    }

    @Test
    void readsTheTokenFromStandardInput() throws Exception {
        CliRun cli = new CliRun(dir).input("sk_from_stdin\n", false);

        assertThat(cli.run("login", "--endpoint", "https://sky.example.com", "--token", "-").exitCode()).isZero();

        assertThat(Files.readString(cli.home().resolve("config"))).contains("sk_from_stdin");
    }

    @Test
    void usesHomeDotSkyportWithoutSkyportHome() throws Exception {
        CliRun cli = new CliRun(dir).env("SKYPORT_HOME", null);

        assertThat(cli.run("login", "--endpoint", "http://localhost:8080", "--token", "t").exitCode()).isZero();

        assertThat(dir.resolve("home/.skyport/config")).exists();
    }

    @Test
    void rejectsAnEndpointThatIsNotAUrl() throws Exception {
        CliRun.Result result = new CliRun(dir).run("login", "--endpoint", "127.0.0.1:8080", "--token", "t");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("endpoint '127.0.0.1:8080' (from --endpoint) is not an http:// or https:// URL");
    }

    @Test
    void letsTheEnvironmentOverrideTheStoredSettings() throws Exception {
        CliRun cli = new CliRun(dir);
        cli.run("login", "--endpoint", "http://127.0.0.1:1", "--token", "t");

        CliRun.Result result = cli.env("SKYPORT_ENDPOINT", "not a url").run("templates", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("(from SKYPORT_ENDPOINT)");
    }

    @Test
    void missingArgumentsAreAUsageError() throws Exception {
        CliRun.Result result = new CliRun(dir).run("login", "--endpoint", "http://x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--token=TOKEN'");
    }
}
