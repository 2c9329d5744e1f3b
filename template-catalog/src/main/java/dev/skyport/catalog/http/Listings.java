package dev.skyport.catalog.http;

import dev.skyport.api.template.CatalogListing;
import dev.skyport.api.template.RuntimeListing;
import dev.skyport.api.template.VersionListing;
import dev.skyport.catalog.catalog.RuntimeTemplates;
import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateVersion;

/** The catalog as the API shows it: platform-api's listings, made from what the catalog loaded. */
final class Listings {

    private Listings() {
    }

    static CatalogListing of(TemplateCatalog catalog) {
        return new CatalogListing(catalog.runtimes().stream().map(Listings::of).toList());
    }

    static RuntimeListing of(RuntimeTemplates runtime) {
        return new RuntimeListing(runtime.name(), runtime.defaultVersion(),
                runtime.versions().stream().map(v -> version(null, v)).toList());
    }

    /** A version asked for on its own names its runtime too. */
    static VersionListing alone(TemplateVersion template) {
        return version(template.runtime(), template);
    }

    private static VersionListing version(String runtime, TemplateVersion template) {
        return new VersionListing(runtime, template.version(), template.eol(), template.isDefault(),
                template.sha256(), template.size());
    }
}
