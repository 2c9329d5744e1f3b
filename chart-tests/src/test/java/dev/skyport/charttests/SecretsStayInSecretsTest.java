package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No secret value sits in a ConfigMap, a plain env value, an argument, an annotation or any other object than a
 * Secret: generated ones (found in the rendered Secrets) and given ones (set here) alike.
 */
class SecretsStayInSecretsTest {

    private static final Map<String, Object> GIVEN = Map.of(
            "registry.auth.password", "given-registry-password-7Qx",
            "buildFarm.auth.adminToken", "sk_given_admin_token_4Kf9",
            "redis.internal.password", "given-redis-password-2Zr");

    /** Env names that look like they hold a secret; each must come from a Secret. */
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|TOKEN|SECRET|ACCOUNTKEY|ACCESSKEY|AUTH).*");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void generatedSecretValuesAppearOnlyInSecrets(Variant variant) {
        assertOnlyInSecrets(SkyportChart.render(variant), List.of());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void givenSecretValuesAppearOnlyInSecrets(Variant variant) {
        Rendered rendered = SkyportChart.render(variant, GIVEN);
        List<String> given = GIVEN.entrySet().stream()
                .filter(e -> variant != Variant.EXTERNAL_REDIS || !e.getKey().startsWith("redis."))
                .map(e -> (String) e.getValue()).toList();
        assertThat(secretValues(rendered)).as("the given values are in the Secrets").containsAll(given);
        assertOnlyInSecrets(rendered, given);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void secretLikeEnvironmentVariablesComeFromSecrets(Variant variant) {
        SkyportChart.render(variant).containers().forEach((name, container) -> {
            for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (SECRET_LIKE.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as("%s env %s is a plain value", name, env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as("%s env %s", name, env.getName()).isNotNull();
                }
            }
        });
    }

    private static void assertOnlyInSecrets(Rendered rendered, List<String> extra) {
        List<String> secrets = new ArrayList<>(secretValues(rendered));
        secrets.addAll(extra);
        assertThat(secrets).isNotEmpty();
        for (HasMetadata object : rendered.objects()) {
            if (object instanceof Secret) {
                continue;
            }
            String text = Serialization.asYaml(object);
            for (String secret : secrets) {
                assertThat(text).as("%s holds a secret value", Rendered.describe(object)).doesNotContain(secret);
                assertThat(text).as("%s holds a secret value, base64-encoded", Rendered.describe(object))
                        .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            }
            if (object instanceof ConfigMap map) {
                map.getData().forEach((key, value) -> assertThat(value)
                        .as("ConfigMap %s key %s", map.getMetadata().getName(), key)
                        .doesNotContainPattern("(?im)^\\s*(requirepass|masterauth)\\s")
                        .doesNotContainPattern(
                                "(?im)^\\s*(password|secret|secretkey|accountkey|accesskey|token|admin-token)\\s*:\\s*\\S"));
            }
        }
    }

    /**
     * Every value of every rendered Secret that is secret: all but the registry's user name, which is no
     * secret (it is "skyport", the release's own name). A JSON value (.dockerconfigjson) counts whole and
     * by its base64 "auth".
     */
    private static List<String> secretValues(Rendered rendered) {
        List<String> values = new ArrayList<>();
        for (Secret secret : rendered.all(Secret.class)) {
            Optional.ofNullable(secret.getData()).orElse(Map.of()).forEach((key, value) -> {
                if (!key.equals("username")) {
                    String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).strip();
                    values.add(decoded);
                    if (key.equals("auth.conf")) {
                        values.add(decoded.substring("requirepass ".length()));
                    }
                }
            });
            Optional.ofNullable(secret.getStringData()).orElse(Map.of()).forEach((key, value) -> {
                if (!key.equals("username")) {
                    values.add(value.strip());
                }
            });
        }
        return values;
    }
}
