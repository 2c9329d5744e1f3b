package dev.skyport.api.template;

import dev.skyport.api.config.RuntimeCatalog;
import java.util.List;

/** Body of {@code GET /v1/templates}: every runtime the catalog serves, by name. */
public record CatalogListing(List<RuntimeListing> runtimes) {

    public CatalogListing {
        runtimes = runtimes == null ? null : List.copyOf(runtimes);
    }

    /** The runtimes and versions as configuration checks need them. */
    public RuntimeCatalog runtimeCatalog() {
        return new RuntimeCatalog(runtimes.stream().map(RuntimeListing::runtime).toList());
    }
}
