package dev.skyport.registry.dockerconfig;

import dev.skyport.registry.RegistryConfigException;
import dev.skyport.registry.credentials.RegistryCredentials;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code .dockerconfigjson} of a {@code kubernetes.io/dockerconfigjson} Secret, which kubelet and
 * the docker CLI read: {@code {"auths": {"<registry>": {"username", "password", "auth"}}}}.
 */
public final class DockerConfigJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DockerConfigJson() {
    }

    /** For one registry, named as images name it ({@code registry.example.com:5000}, no scheme). */
    public static String render(String registry, RegistryCredentials credentials) {
        return render(Map.of(registry, credentials));
    }

    public static String render(Map<String, RegistryCredentials> registries) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode auths = root.putObject("auths");
        for (Map.Entry<String, RegistryCredentials> entry : new TreeMap<>(registries).entrySet()) {
            String registry = entry.getKey();
            if (registry == null || registry.isBlank() || registry.contains("/")) {
                throw new RegistryConfigException("registry '" + registry + "' must be a host[:port] without scheme"
                        + " or path, for example registry.example.com:5000");
            }
            RegistryCredentials credentials = entry.getValue();
            ObjectNode auth = auths.putObject(registry);
            auth.put("username", credentials.username());
            auth.put("password", credentials.password());
            auth.put("auth", credentials.basicToken());
        }
        return MAPPER.writeValueAsString(root);
    }
}
