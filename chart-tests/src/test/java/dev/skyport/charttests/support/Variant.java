package dev.skyport.charttests.support;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** A set of values the chart is rendered with: the defaults, or one of {@code src/test/resources/variants/}. */
public enum Variant {
    DEFAULTS(null),
    S3_STORAGE("s3-storage"),
    GCS_STORAGE("gcs-storage"),
    AZURE_STORAGE("azure-storage"),
    EXTERNAL_REDIS("external-redis"),
    INGRESS("ingress"),
    HTTP_ROUTE("http-route"),
    MESH("mesh"),
    NETWORK_POLICIES_OFF("network-policies-off"),
    EXTERNAL_REGISTRY("external-registry"),
    EXTRA_TEMPLATES("extra-templates");

    private final String file;

    Variant(String file) {
        this.file = file;
    }

    /** The variant's values file, or null for the defaults. */
    public Path valuesFile() {
        if (file == null) {
            return null;
        }
        URL url = Variant.class.getResource("/variants/" + file + ".yaml");
        if (url == null) {
            throw new IllegalStateException("no variants/" + file + ".yaml on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
