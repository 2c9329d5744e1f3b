package dev.skyport.catalog.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.skyport.catalog.catalog.TemplateVersion;

/**
 * One version as the API shows it. {@code runtime} is only present when a version is asked for on
 * its own ({@code GET /v1/templates/{runtime}/{version}}).
 */
@JsonPropertyOrder({"runtime", "version", "eol", "default", "sha256", "size"})
public record VersionJson(
        @JsonInclude(JsonInclude.Include.NON_NULL) String runtime,
        String version,
        boolean eol,
        @JsonProperty("default") boolean isDefault,
        String sha256,
        long size) {

    static VersionJson inList(TemplateVersion template) {
        return new VersionJson(null, template.version(), template.eol(), template.isDefault(), template.sha256(), template.size());
    }

    static VersionJson alone(TemplateVersion template) {
        return new VersionJson(template.runtime(), template.version(), template.eol(), template.isDefault(), template.sha256(),
                template.size());
    }
}
