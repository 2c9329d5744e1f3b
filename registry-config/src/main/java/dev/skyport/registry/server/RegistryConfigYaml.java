package dev.skyport.registry.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders Distribution's {@code config.yml} (format version 0.1) from typed settings. SnakeYAML does the
 * quoting, so secrets with YAML-special characters come out intact.
 */
public final class RegistryConfigYaml {

    private RegistryConfigYaml() {
    }

    public static String render(RegistryServerConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "0.1");
        root.put("log", Map.of("level", config.logLevel()));

        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put(config.storage().driver(), config.storage().parameters());
        storage.put("delete", Map.of("enabled", config.deleteEnabled()));
        storage.put("cache", Map.of("blobdescriptor", "inmemory"));
        root.put("storage", storage);

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("addr", config.listenAddress());
        http.put("secret", config.httpSecret());
        http.put("headers", Map.of("X-Content-Type-Options", List.of("nosniff")));
        root.put("http", http);

        Map<String, Object> htpasswd = new LinkedHashMap<>();
        htpasswd.put("realm", config.realm());
        htpasswd.put("path", config.htpasswdPath());
        root.put("auth", Map.of("htpasswd", htpasswd));

        Map<String, Object> storageDriverHealth = new LinkedHashMap<>();
        storageDriverHealth.put("enabled", true);
        storageDriverHealth.put("interval", "10s");
        storageDriverHealth.put("threshold", 3);
        root.put("health", Map.of("storagedriver", storageDriverHealth));

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(root);
    }
}
