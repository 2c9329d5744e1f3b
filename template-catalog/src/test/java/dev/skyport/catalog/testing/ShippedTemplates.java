package dev.skyport.catalog.testing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateCatalogLoader;
import dev.skyport.catalog.source.DirectoryTemplates;
import dev.skyport.testing.RepositoryRoot;

/** The templates this repository ships, read from {@code templates/} at the checkout's root. */
public final class ShippedTemplates {

    private ShippedTemplates() {
    }

    public static Path directory() {
        return RepositoryRoot.find().resolve("templates");
    }

    public static TemplateCatalog catalog(LocalDate today) {
        return TemplateCatalogLoader.load(List.of(new DirectoryTemplates(directory())), today);
    }
}
