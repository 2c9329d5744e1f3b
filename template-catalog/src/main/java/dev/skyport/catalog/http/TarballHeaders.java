package dev.skyport.catalog.http;

import org.springframework.http.MediaType;

/**
 * What only the catalog decides about a tarball's answer: its media type and how long caches keep it.
 * The header names clients read are {@link dev.skyport.api.template.TemplateHeaders}.
 */
final class TarballHeaders {

    static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

    /** A versioned tarball never changes while the catalog serves it. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /**
     * The default-version alias points elsewhere when the default changes, so caches must ask again
     * each time; the ETag makes that a cheap 304.
     */
    static final String REVALIDATE = "no-cache";

    private TarballHeaders() {
    }
}
