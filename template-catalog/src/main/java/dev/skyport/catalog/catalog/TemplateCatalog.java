package dev.skyport.catalog.catalog;

import dev.skyport.api.template.TemplateErrors;
import java.util.List;
import java.util.Map;

/** Every runtime the catalog serves, by name; immutable once built at start-up. */
public record TemplateCatalog(List<RuntimeTemplates> runtimes) {

    public TemplateCatalog {
        runtimes = List.copyOf(runtimes);
    }

    public RuntimeTemplates runtime(String name) {
        return runtimes.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new TemplateNotFoundException(
                        "no runtime '" + name + "'; the catalog has " + String.join(", ", runtimeNames()),
                        Map.of(TemplateErrors.RUNTIMES, runtimeNames())));
    }

    public TemplateVersion template(String runtime, String version) {
        return runtime(runtime).version(version);
    }

    public List<String> runtimeNames() {
        return runtimes.stream().map(RuntimeTemplates::name).toList();
    }

    public List<TemplateVersion> allTemplates() {
        return runtimes.stream().flatMap(r -> r.versions().stream()).toList();
    }
}
