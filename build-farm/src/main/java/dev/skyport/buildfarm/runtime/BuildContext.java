package dev.skyport.buildfarm.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A build's context, for a driver on this machine (the file) or elsewhere (a URL). The URL is issued
 * only when a driver asks: each one is short-lived and can be fetched once.
 *
 * @param sha256    the tar.gz's sha256 (hex), which a remote fetch checks
 * @param size      its length in bytes
 * @param localFile the artifact in the build farm's store
 */
public record BuildContext(String sha256, long size, Path localFile, Supplier<URI> urlIssuer) {

    /** A new short-lived, single-use URL of the context. */
    public URI singleUseUrl() {
        return urlIssuer.get();
    }
}
