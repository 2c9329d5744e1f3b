package dev.skyport.catalog.catalog;

import dev.skyport.catalog.tarball.Tarball;

/**
 * One servable template.
 *
 * @param eol       end-of-life upstream, as of the day the catalog started
 * @param isDefault the version a request without a version gets
 * @param location  where its files came from, for logs
 */
public record TemplateVersion(String runtime, String version, boolean eol, boolean isDefault, Tarball tarball, String location) {

    public String sha256() {
        return tarball.sha256();
    }

    public long size() {
        return tarball.size();
    }

    /** The name a downloaded tarball gets: {@code nodejs-22.tar.gz}. */
    public String fileName() {
        return runtime + "-" + version + ".tar.gz";
    }
}
