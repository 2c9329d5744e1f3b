package dev.skyport.catalog.catalog;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.skyport.catalog.source.TemplateLayout;
import dev.skyport.catalog.source.TemplateSource;
import dev.skyport.catalog.source.TemplateTree;

/** Reads the sources in order (later ones replace templates of earlier ones) and builds the catalog once. */
public final class TemplateCatalogLoader {

    private static final Logger log = LoggerFactory.getLogger(TemplateCatalogLoader.class);

    private TemplateCatalogLoader() {
    }

    public static TemplateCatalog load(List<TemplateSource> sources, LocalDate today) {
        TemplateTree tree = TemplateTree.EMPTY;
        for (TemplateSource source : sources) {
            TemplateTree read = TemplateLayout.read(source);
            log.info("read {}: {}", source.description(), read.runtimes().keySet());
            tree = tree.overlay(read);
        }
        TemplateCatalog catalog = CatalogAssembler.assemble(tree, today);
        for (RuntimeTemplates runtime : catalog.runtimes()) {
            log.info("runtime {}: versions {}, default {}", runtime.name(), runtime.versionNames(), runtime.defaultVersion());
            for (TemplateVersion template : runtime.versions()) {
                log.info("template {}/{}: sha256 {}, {} bytes, eol {}, from {}", template.runtime(), template.version(),
                        template.sha256(), template.size(), template.eol(), template.location());
            }
        }
        return catalog;
    }
}
