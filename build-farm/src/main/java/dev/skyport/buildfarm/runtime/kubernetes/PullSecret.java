package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.registry.dockerconfig.DockerConfigJson;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code kubernetes.io/dockerconfigjson} Secret app pods pull with, kept equal to the credentials the
 * build farm has mounted (rendered by registry-config's {@link DockerConfigJson}), for the host the
 * kubelet pulls from.
 */
final class PullSecret {

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final RegistryAccess registry;

    PullSecret(KubernetesClient client, KubernetesProperties properties, RegistryAccess registry) {
        this.client = client;
        this.properties = properties;
        this.registry = registry;
    }

    Secret secret() {
        return secret(properties, registry.address(), registry.credentials());
    }

    /** The Secret for these settings, the registry's address and its credentials. */
    static Secret secret(KubernetesProperties properties, String registryAddress, RegistryCredentials credentials) {
        String host = properties.pullHost().isBlank() ? registryAddress : properties.pullHost();
        String json = DockerConfigJson.render(host, credentials);
        return new SecretBuilder()
                .withNewMetadata().withName(properties.pullSecret()).withNamespace(properties.appNamespace())
                .withLabels(Map.of(KubernetesLabels.MANAGED_BY, KubernetesLabels.MANAGER)).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson",
                        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    void sync() {
        client.resource(secret()).fieldManager(KubernetesDriver.FIELD_MANAGER).forceConflicts().serverSideApply();
    }
}
