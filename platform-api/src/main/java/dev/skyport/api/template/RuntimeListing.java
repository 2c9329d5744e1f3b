package dev.skyport.api.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.skyport.api.config.RuntimeCatalog;
import java.util.List;

/**
 * One runtime: the body of {@code GET /v1/templates/{runtime}} and an entry of {@link CatalogListing}.
 *
 * @param defaultVersion the version a request without one gets
 * @param versions       every version, oldest first
 */
@JsonPropertyOrder({"name", "default", "versions"})
public record RuntimeListing(String name, @JsonProperty("default") String defaultVersion,
                             List<VersionListing> versions) {

    public RuntimeListing {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    RuntimeCatalog.Runtime runtime() {
        return new RuntimeCatalog.Runtime(name, defaultVersion, versions.stream()
                .map(v -> new RuntimeCatalog.Version(v.version(), v.eol())).toList());
    }
}
