package dev.skyport.catalog.http;

import org.springframework.stereotype.Component;

import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts tarball requests per template ({@code skyport_catalog_tarball_requests_total}), so an
 * operator sees which versions, end-of-life ones included, are still in use. Every counter exists
 * from start-up, at zero.
 */
@Component
public class TarballRequests {

    static final String METER = "skyport.catalog.tarball.requests";

    private final MeterRegistry registry;

    public TarballRequests(MeterRegistry registry, TemplateCatalog catalog) {
        this.registry = registry;
        catalog.allTemplates().forEach(this::counter);
    }

    public void record(TemplateVersion template) {
        counter(template).increment();
    }

    private Counter counter(TemplateVersion template) {
        return Counter.builder(METER)
                .description("Tarball requests (200 and 304) per template")
                .tag("runtime", template.runtime())
                .tag("version", template.version())
                .tag("eol", Boolean.toString(template.eol()))
                .register(registry);
    }
}
