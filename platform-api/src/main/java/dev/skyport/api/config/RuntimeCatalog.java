package dev.skyport.api.config;

import java.util.List;
import java.util.Optional;

/**
 * The runtimes and versions the template catalog offers ({@code GET /v1/templates}), as far as
 * configuration checks need them.
 */
public record RuntimeCatalog(List<Runtime> runtimes) {

    public RuntimeCatalog {
        runtimes = List.copyOf(runtimes);
    }

    public Optional<Runtime> runtime(String name) {
        return runtimes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> runtimeNames() {
        return runtimes.stream().map(Runtime::name).toList();
    }

    /** One runtime with its versions; {@code defaultVersion} is used when an item names none. */
    public record Runtime(String name, String defaultVersion, List<Version> versions) {

        public Runtime {
            versions = List.copyOf(versions);
        }

        public Optional<Version> version(String version) {
            return versions.stream().filter(v -> v.version().equals(version)).findFirst();
        }

        public List<String> versionNames() {
            return versions.stream().map(Version::version).toList();
        }
    }

    /** One version; {@code eol} marks an end-of-life line that still builds but should be left. */
    public record Version(String version, boolean eol) {
    }
}
