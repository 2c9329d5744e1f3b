package dev.skyport.catalog.http;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.skyport.api.template.CatalogListing;
import dev.skyport.api.template.TemplateHeaders;
import dev.skyport.api.template.TemplatePaths;
import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateVersion;

/**
 * The catalog's API. The gateway forwards {@code /_templates/**} here with that prefix removed.
 * A name ending in {@code .tar.gz} asks for the tarball, anything else for metadata; Spring answers
 * {@code If-None-Match} with 304 from the ETag (the sha256) and serves HEAD like GET.
 */
@RestController
@RequestMapping(TemplatePaths.TEMPLATES)
public class TemplatesController {

    private final TemplateCatalog catalog;
    private final TarballRequests tarballRequests;

    public TemplatesController(TemplateCatalog catalog, TarballRequests tarballRequests) {
        this.catalog = catalog;
        this.tarballRequests = tarballRequests;
    }

    @GetMapping
    public ResponseEntity<CatalogListing> list() {
        return json(Listings.of(catalog));
    }

    /** {@code /v1/templates/nodejs}: the runtime; {@code /v1/templates/nodejs.tar.gz}: its default version's tarball. */
    @GetMapping("/{name}")
    public ResponseEntity<?> runtime(@PathVariable String name) {
        if (name.endsWith(TemplatePaths.TARBALL_SUFFIX)) {
            TemplateVersion template = catalog.runtime(stripSuffix(name)).defaultTemplate();
            return tarball(template, TarballHeaders.REVALIDATE);
        }
        return json(Listings.of(catalog.runtime(name)));
    }

    /** {@code /v1/templates/nodejs/22}: one version; {@code /v1/templates/nodejs/22.tar.gz}: its tarball. */
    @GetMapping("/{runtime}/{name}")
    public ResponseEntity<?> version(@PathVariable String runtime, @PathVariable String name) {
        if (name.endsWith(TemplatePaths.TARBALL_SUFFIX)) {
            return tarball(catalog.template(runtime, stripSuffix(name)), TarballHeaders.IMMUTABLE);
        }
        return json(Listings.alone(catalog.template(runtime, name)));
    }

    private ResponseEntity<byte[]> tarball(TemplateVersion template, String cacheControl) {
        tarballRequests.record(template);
        return ResponseEntity.ok()
                .contentType(TarballHeaders.GZIP)
                .eTag(TemplateHeaders.etag(template.sha256()))
                .header("Cache-Control", cacheControl)
                .header("Content-Disposition", ContentDisposition.attachment().filename(template.fileName()).build().toString())
                .header(TemplateHeaders.RUNTIME, template.runtime())
                .header(TemplateHeaders.VERSION, template.version())
                .header(TemplateHeaders.EOL, Boolean.toString(template.eol()))
                .body(template.tarball().bytes());
    }

    /** Metadata is JSON whatever the Accept header says, so a client asking for gzip still gets a useful answer. */
    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String stripSuffix(String name) {
        return name.substring(0, name.length() - TemplatePaths.TARBALL_SUFFIX.length());
    }
}
