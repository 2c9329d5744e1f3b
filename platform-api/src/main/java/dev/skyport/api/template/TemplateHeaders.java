package dev.skyport.api.template;

/**
 * The headers a template tarball is served with, as the catalog writes them and skycli reads them.
 * The {@code ETag} is the tarball's sha256 in quotes, so a client revalidates its cached copy with
 * {@code If-None-Match} and checks what it downloaded against it.
 */
public final class TemplateHeaders {

    public static final String RUNTIME = "X-Skyport-Template-Runtime";
    public static final String VERSION = "X-Skyport-Template-Version";
    /** {@code true} or {@code false}. */
    public static final String EOL = "X-Skyport-Template-Eol";

    private TemplateHeaders() {
    }

    /** {@code "<sha256>"}: the ETag of the tarball with this digest. */
    public static String etag(String sha256) {
        return '"' + sha256 + '"';
    }

    /** The digest an ETag names, strong or weak ({@code W/"…"}); {@code null} for no ETag. */
    public static String sha256Of(String etag) {
        if (etag == null) {
            return null;
        }
        String strong = etag.strip().startsWith("W/") ? etag.strip().substring(2) : etag.strip();
        return strong.replace("\"", "");
    }
}
