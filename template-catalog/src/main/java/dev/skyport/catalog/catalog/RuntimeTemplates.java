package dev.skyport.catalog.catalog;

import dev.skyport.api.template.TemplateErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every version of one runtime, oldest first (numeric order), and its default.
 */
public record RuntimeTemplates(String name, String defaultVersion, List<TemplateVersion> versions) {

    public RuntimeTemplates {
        versions = List.copyOf(versions);
    }

    public Optional<TemplateVersion> find(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    public TemplateVersion version(String version) {
        return find(version).orElseThrow(() -> new TemplateNotFoundException(
                "runtime '" + name + "' has no version '" + version + "'; it has " + String.join(", ", versionNames())
                        + " (default " + defaultVersion + ")",
                Map.of(TemplateErrors.VERSIONS, versionNames())));
    }

    public TemplateVersion defaultTemplate() {
        return version(defaultVersion);
    }

    public List<String> versionNames() {
        return versions.stream().map(TemplateVersion::version).toList();
    }
}
