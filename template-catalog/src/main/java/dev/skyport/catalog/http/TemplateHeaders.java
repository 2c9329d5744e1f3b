package dev.skyport.catalog.http;

import org.springframework.http.MediaType;

/** Names and values of the headers a tarball is served with. */
public final class TemplateHeaders {

    public static final String RUNTIME = "X-Skyport-Template-Runtime";
    public static final String VERSION = "X-Skyport-Template-Version";
    public static final String EOL = "X-Skyport-Template-Eol";

    public static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

    /** A versioned tarball never changes while the catalog serves it. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /**
     * The default-version alias points elsewhere when the default changes, so caches must ask again
     * each time; the ETag makes that a cheap 304.
     */
    public static final String REVALIDATE = "no-cache";

    private TemplateHeaders() {
    }
}
