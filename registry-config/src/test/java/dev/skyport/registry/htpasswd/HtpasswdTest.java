package dev.skyport.registry.htpasswd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.registry.RegistryConfigException;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.DevServices;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HtpasswdTest {

    private final RegistryCredentials credentials = new RegistryCredentials("skyport", "pa:ss word");

    @Test
    void writesOneBcryptLineForTheUser() {
        String line = new Htpasswd(5).line(credentials);
        assertThat(line).startsWith("skyport:$2y$05$").endsWith("\n").doesNotContain("pa:ss word");
        assertThat(Htpasswd.accepts(line, credentials)).isTrue();
        assertThat(Htpasswd.accepts(line, new RegistryCredentials("skyport", "other"))).isFalse();
        assertThat(Htpasswd.accepts(line, new RegistryCredentials("someone", "pa:ss word"))).isFalse();
    }

    @Test
    void saltsEveryLine() {
        Htpasswd htpasswd = new Htpasswd(5);
        assertThat(htpasswd.line(credentials)).isNotEqualTo(htpasswd.line(credentials));
    }

    @Test
    void readsTheFileThatApacheHtpasswdWrote() throws Exception {
        DevServices services = DevServices.get();
        String file = Files.readString(services.registryCredentials().resolve("htpasswd"));
        RegistryCredentials devCredentials = new RegistryCredentials(services.registryUsername(),
                services.registryPassword());
        assertThat(Htpasswd.accepts(file, devCredentials)).isTrue();
    }

    @Test
    void refusesWhatBcryptCannotHash() {
        assertThatThrownBy(() -> new Htpasswd(3)).isInstanceOf(RegistryConfigException.class)
                .hasMessageContaining("4..31");
        RegistryCredentials tooLong = new RegistryCredentials("skyport", "x".repeat(73));
        assertThatThrownBy(() -> new Htpasswd(5).line(tooLong)).isInstanceOf(RegistryConfigException.class)
                .hasMessageContaining("72 bytes");
    }
}
