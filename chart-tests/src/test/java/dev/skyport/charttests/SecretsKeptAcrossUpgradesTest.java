package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.charttests.support.HelmCluster;
import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated credentials (registry user's password and its htpasswd and .dockerconfigjson, the registry's
 * http secret, the admin token, the build-context signing key, the Redis password) are made at install and read
 * back with {@code lookup} on an upgrade: rendered against a cluster that holds the first install's Secrets, the
 * chart renders the same values. The cluster is {@link HelmCluster}, the mock API server Helm's lookup reads.
 */
class SecretsKeptAcrossUpgradesTest {

    @AfterEach
    void forgetTheInstall() {
        HelmCluster.get().clear();
    }

    @Test
    void aFirstInstallGeneratesNewCredentialsEachTime() {
        HelmCluster.get().clear();
        Map<String, String> one = values(SkyportChart.render(Variant.DEFAULTS));
        Map<String, String> two = values(SkyportChart.render(Variant.DEFAULTS));
        assertThat(one.get("skyport/skyport-registry-auth/password")).hasSize(32)
                .isNotEqualTo(two.get("skyport/skyport-registry-auth/password"));
        assertThat(one.get("skyport/skyport-build-farm-auth/admin-token")).startsWith("sk_").hasSize(43)
                .isNotEqualTo(two.get("skyport/skyport-build-farm-auth/admin-token"));
        assertThat(one.get("skyport/skyport-build-farm-auth/context-signing-key")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(one.get("skyport/skyport-redis-auth/password")).hasSize(32);
    }

    @Test
    void anUpgradeKeepsEveryGeneratedValue() {
        HelmCluster.get().clear();
        Rendered install = SkyportChart.render(Variant.DEFAULTS);
        install.all(Secret.class).forEach(secret -> HelmCluster.get().client().resource(secret).create());

        Rendered upgrade = SkyportChart.render(Variant.DEFAULTS);
        assertThat(values(upgrade)).isEqualTo(values(install));
    }

    @Test
    void theCredentialsAgreeWithEachOther() throws Exception {
        HelmCluster.get().clear();
        Map<String, String> values = values(SkyportChart.render(Variant.DEFAULTS));
        String user = values.get("skyport/skyport-registry-auth/username");
        String password = values.get("skyport/skyport-registry-auth/password");
        assertThat(user).isEqualTo("skyport");
        String htpasswd = values.get("skyport/skyport-registry-auth/htpasswd");
        assertThat(htpasswd).startsWith(user + ":$2");
        assertThat(new BCryptPasswordEncoder().matches(password, htpasswd.substring(user.length() + 1))).isTrue();
        JsonNode auths = JsonMapper.builder().build().readTree(values.get("skyport/skyport-registry-auth/.dockerconfigjson"))
                .get("auths");
        // The host builds push to, and the one nodes pull from.
        assertThat(auths.propertyNames()).containsExactlyInAnyOrder(
                "skyport-registry.skyport.svc.cluster.local:5000", "localhost:30500");
        for (JsonNode login : auths) {
            assertThat(login.get("username").asString()).isEqualTo(user);
            assertThat(login.get("password").asString()).isEqualTo(password);
            assertThat(new String(Base64.getDecoder().decode(login.get("auth").asString()), StandardCharsets.UTF_8))
                    .isEqualTo(user + ":" + password);
        }
        assertThat(values.get("skyport-builds/skyport-registry-auth/username")).isEqualTo(user);
        assertThat(values.get("skyport-builds/skyport-registry-auth/password")).isEqualTo(password);
        assertThat(values).doesNotContainKey("skyport-builds/skyport-registry-auth/htpasswd");
        assertThat(values.get("skyport/skyport-redis-auth/auth.conf"))
                .isEqualTo("requirepass " + values.get("skyport/skyport-redis-auth/password") + "\n");
    }

    @Test
    void aGivenPasswordReplacesTheKeptOneAndItsHtpasswd() {
        HelmCluster.get().clear();
        Rendered install = SkyportChart.render(Variant.DEFAULTS);
        install.all(Secret.class).forEach(secret -> HelmCluster.get().client().resource(secret).create());

        Map<String, String> upgraded = values(SkyportChart.render(Variant.DEFAULTS,
                Map.of("registry.auth.password", "a-new-password-given-by-the-operator")));
        assertThat(upgraded.get("skyport/skyport-registry-auth/password")).isEqualTo("a-new-password-given-by-the-operator");
        String htpasswd = upgraded.get("skyport/skyport-registry-auth/htpasswd");
        assertThat(new BCryptPasswordEncoder().matches("a-new-password-given-by-the-operator",
                htpasswd.substring("skyport:".length()))).isTrue();
        // The others are kept.
        assertThat(upgraded.get("skyport/skyport-build-farm-auth/admin-token"))
                .isEqualTo(values(install).get("skyport/skyport-build-farm-auth/admin-token"));
    }

    /** Every Secret value, decoded, by "namespace/secret/key". */
    static Map<String, String> values(Rendered rendered) {
        Map<String, String> values = new TreeMap<>();
        for (Secret secret : rendered.all(Secret.class)) {
            secret.getData().forEach((key, value) -> values.put(
                    Rendered.namespaceOf(secret) + "/" + secret.getMetadata().getName() + "/" + key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
