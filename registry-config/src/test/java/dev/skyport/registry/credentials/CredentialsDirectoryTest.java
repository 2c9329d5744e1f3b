package dev.skyport.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.registry.RegistryConfigException;
import dev.skyport.testing.DevServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void loadsWhatDevServicesWrites() {
        DevServices services = DevServices.get();
        RegistryCredentials credentials = CredentialsDirectory.load(services.registryCredentials());
        assertThat(credentials.username()).isEqualTo(services.registryUsername());
        assertThat(credentials.password()).isEqualTo(services.registryPassword());
    }

    @Test
    void ignoresTheTrailingNewlineOfAMountedSecret() throws Exception {
        Files.writeString(dir.resolve("username"), "skyport\n");
        Files.writeString(dir.resolve("password"), "s3cret:with spaces\r\n");
        RegistryCredentials credentials = CredentialsDirectory.load(dir);
        assertThat(credentials.username()).isEqualTo("skyport");
        assertThat(credentials.password()).isEqualTo("s3cret:with spaces");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("username"), "skyport");
        assertThatThrownBy(() -> CredentialsDirectory.load(dir))
                .isInstanceOf(RegistryConfigException.class)
                .hasMessageContaining(dir.resolve("password").toString())
                .hasMessageContaining("is missing");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("username"), "skyport");
        Files.writeString(dir.resolve("password"), "\n");
        assertThatThrownBy(() -> CredentialsDirectory.load(dir))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("is empty");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> CredentialsDirectory.load(missing))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining(missing + " does not exist");
        assertThatThrownBy(() -> CredentialsDirectory.load(null))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("no registry credentials directory");
    }

    @Test
    void toStringNeverShowsThePassword() {
        RegistryCredentials credentials = new RegistryCredentials("skyport", "hunter2");
        assertThat(credentials.toString()).contains("skyport").doesNotContain("hunter2");
    }

    @Test
    void aColonInTheUserNameIsRefused() {
        assertThatThrownBy(() -> new RegistryCredentials("a:b", "x"))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("contains ':'");
    }
}
