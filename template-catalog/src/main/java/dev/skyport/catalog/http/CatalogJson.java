package dev.skyport.catalog.http;

import java.util.List;

import dev.skyport.catalog.catalog.TemplateCatalog;

/** {@code GET /v1/templates}: every runtime, by name. */
public record CatalogJson(List<RuntimeJson> runtimes) {

    static CatalogJson of(TemplateCatalog catalog) {
        return new CatalogJson(catalog.runtimes().stream().map(RuntimeJson::of).toList());
    }
}
