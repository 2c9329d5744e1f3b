package dev.skyport.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's usage and its refusals, before any registry is contacted. */
class ImagesCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ImagesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRegistryIsRequired() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("--registry");
    }

    @Test
    void helpListsEveryFlagAndTheDefaultBase() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--registry", "--namespace", "--tag", "--base",
                "--username", "--password-file", "--credentials-dir", "--insecure", "--component", "eclipse-temurin:21-jre");
    }

    @Test
    void anUnknownComponentIsRefusedNamingTheValidOnes() {
        assertThat(run("--registry", "r.example", "--component", "gatway")).isEqualTo(2);
        assertThat(err()).contains("'gatway' is not a component", "gateway, build-farm, template-catalog");
    }

    @Test
    void aUsernameNeedsItsPasswordFile() {
        assertThat(run("--registry", "r.example", "--username", "me")).isEqualTo(2);
        assertThat(err()).contains("--username and --password-file go together");
    }

    @Test
    void aMissingCredentialsFileIsNamed() {
        assertThat(run("--registry", "r.example", "--credentials-dir", dir.toString())).isEqualTo(1);
        assertThat(err()).contains(dir.resolve("username").toString(), "does not exist");
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt() throws Exception {
        Files.createDirectories(dir.resolve("gateway"));
        assertThat(run("--registry", "r.example", "--project-dir", dir.toString(), "--component", "gateway"))
                .isEqualTo(1);
        assertThat(err()).contains(dir.resolve("gateway/target/gateway-" + ImagesCommand.projectVersion() + ".jar").toString(),
                "package");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theTagDefaultsToTheProjectVersion() throws Exception {
        assertThat(ImagesCommand.projectVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
