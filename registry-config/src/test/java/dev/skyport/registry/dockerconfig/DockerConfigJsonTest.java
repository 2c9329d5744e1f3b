package dev.skyport.registry.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.registry.RegistryConfigException;
import dev.skyport.registry.credentials.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DockerConfigJsonTest {

    @Test
    void holdsUserPasswordAndTheBase64AuthOfTheRegistry() {
        String json = DockerConfigJson.render("registry.skyport.svc:5000",
                new RegistryCredentials("skyport", "p\"w:d"));

        JsonNode auth = JsonMapper.builder().build().readTree(json).get("auths").get("registry.skyport.svc:5000");
        assertThat(auth.get("username").asString()).isEqualTo("skyport");
        assertThat(auth.get("password").asString()).isEqualTo("p\"w:d");
        assertThat(new String(Base64.getDecoder().decode(auth.get("auth").asString()), StandardCharsets.UTF_8))
                .isEqualTo("skyport:p\"w:d");
    }

    @Test
    void refusesARegistryWithASchemeOrPath() {
        RegistryCredentials credentials = new RegistryCredentials("skyport", "x");
        assertThatThrownBy(() -> DockerConfigJson.render("http://registry:5000", credentials))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("without scheme");
    }
}
