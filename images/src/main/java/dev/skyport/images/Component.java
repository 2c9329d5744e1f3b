package dev.skyport.images;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform's three services that ship as images, and what each image needs beyond its jar: the ports
 * it listens on, the settings a container needs that the jar's own defaults get wrong, and the directories
 * it must be able to write.
 */
public enum Component {

    /** API 8080, management (health, metrics) 8081; both listen on every address by default. */
    GATEWAY("gateway", List.of(8080, 8081), Map.of(), List.of()),

    /**
     * API 8090, management 8091. Both default to 127.0.0.1 in the jar (on a host, a build's RUN step reaches
     * every host address but loopback); in a container that would make them unreachable, so the image sets
     * 0.0.0.0. Artifacts go under {@code SKYPORT_HOME} = {@code /var/lib/skyport}, owned by the image's user:
     * mount a volume there.
     */
    BUILD_FARM("build-farm", List.of(8090, 8091),
            orderedMap("SKYPORT_BUILD_FARM_ADDRESS", "0.0.0.0",
                    "SKYPORT_BUILD_FARM_MANAGEMENT_ADDRESS", "0.0.0.0",
                    "SKYPORT_HOME", "/var/lib/skyport"),
            List.of("/var/lib/skyport")),

    /** API and management 8082, on every address by default. */
    TEMPLATE_CATALOG("template-catalog", List.of(8082), Map.of(), List.of());

    private final String module;
    private final List<Integer> ports;
    private final Map<String, String> environment;
    private final List<String> writableDirectories;

    Component(String module, List<Integer> ports, Map<String, String> environment, List<String> writableDirectories) {
        this.module = module;
        this.ports = ports;
        this.environment = environment;
        this.writableDirectories = writableDirectories;
    }

    /** The Maven module, which is also the image's name: {@code <registry>/<namespace>/<module>:<tag>}. */
    public String module() {
        return module;
    }

    public List<Integer> ports() {
        return ports;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public List<String> writableDirectories() {
        return writableDirectories;
    }

    /** {@code <project-dir>/<module>/target/<module>-<version>.jar}, as {@code ./mvnw package} leaves it. */
    public Path bootJar(Path projectDirectory, String version) {
        return projectDirectory.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /** The component a module name stands for ({@code gateway}, {@code build-farm}, {@code template-catalog}). */
    public static Component ofModule(String module) {
        for (Component component : values()) {
            if (component.module.equals(module)) {
                return component;
            }
        }
        throw new IllegalArgumentException("'" + module + "' is not a component; valid: "
                + Arrays.stream(values()).map(Component::module).collect(Collectors.joining(", ")));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
