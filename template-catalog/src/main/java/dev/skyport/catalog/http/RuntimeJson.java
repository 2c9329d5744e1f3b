package dev.skyport.catalog.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.skyport.catalog.catalog.RuntimeTemplates;

/** A runtime as the API shows it: its default version and every version, oldest first. */
@JsonPropertyOrder({"name", "default", "versions"})
public record RuntimeJson(String name, @JsonProperty("default") String defaultVersion, List<VersionJson> versions) {

    static RuntimeJson of(RuntimeTemplates runtime) {
        return new RuntimeJson(runtime.name(), runtime.defaultVersion(), runtime.versions().stream().map(VersionJson::inList).toList());
    }
}
