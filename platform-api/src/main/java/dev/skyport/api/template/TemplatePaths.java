package dev.skyport.api.template;

/**
 * The catalog's URLs. A name ending in {@link #TARBALL_SUFFIX} asks for a tarball, anything else for
 * metadata: {@code /v1/templates/nodejs} is the runtime, {@code /v1/templates/nodejs.tar.gz} its default
 * version's tarball, {@code /v1/templates/nodejs/22.tar.gz} one version's tarball.
 */
public final class TemplatePaths {

    /** Where the catalog serves; the gateway forwards {@code /_templates/**} here without that prefix. */
    public static final String TEMPLATES = "/v1/templates";
    public static final String TARBALL_SUFFIX = ".tar.gz";

    private TemplatePaths() {
    }

    /** Below {@link #TEMPLATES}: a version's tarball, or the default version's when {@code version} is null. */
    public static String tarball(String runtime, String version) {
        return "/" + runtime + (version == null ? "" : "/" + version) + TARBALL_SUFFIX;
    }

    /** Below {@link #TEMPLATES}: the runtime's listing. */
    public static String runtime(String runtime) {
        return "/" + runtime;
    }
}
