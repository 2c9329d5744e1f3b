package dev.skyport.charttests.support;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The output of {@code helm template}, each document parsed into its fabric8 object. */
public record Rendered(String yaml, List<HasMetadata> objects) {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    public static Rendered parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean onlyComments = document.lines().map(String::strip)
                    .allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!onlyComments) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return new Rendered(yaml, List.copyOf(objects));
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " in the rendered chart; there are " + objects.stream().map(Rendered::describe).toList()));
    }

    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()) && namespace.equals(namespaceOf(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + namespace + "/" + name));
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /** Objects a {@code helm install} creates (hooks, such as the test pod, are left out). */
    public List<HasMetadata> installed() {
        return objects.stream().filter(o -> annotations(o).get(SkyportChart.HOOK) == null).toList();
    }

    /** Every pod template (Deployments, StatefulSets) and bare Pod (the test hook), by a readable name. */
    public Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d) {
                specs.put(describe(d), d.getSpec().getTemplate().getSpec());
            } else if (object instanceof StatefulSet s) {
                specs.put(describe(s), s.getSpec().getTemplate().getSpec());
            } else if (object instanceof Pod p) {
                specs.put(describe(p), p.getSpec());
            }
        }
        return specs;
    }

    /** Every container (init containers too), named "<kind>/<name> container <container>". */
    public Map<String, Container> containers() {
        Map<String, Container> containers = new LinkedHashMap<>();
        podSpecs().forEach((owner, spec) -> Stream.concat(
                        Optional.ofNullable(spec.getInitContainers()).orElse(List.of()).stream(),
                        spec.getContainers().stream())
                .forEach(c -> containers.put(owner + " container " + c.getName(), c)));
        return containers;
    }

    public static String namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? SkyportChart.NAMESPACE : namespace;
    }

    public static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    public static String describe(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
