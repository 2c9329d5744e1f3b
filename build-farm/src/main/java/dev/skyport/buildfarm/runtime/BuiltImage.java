package dev.skyport.buildfarm.runtime;

/**
 * A pushed image whose manifest the registry confirmed.
 *
 * @param repository {@code <registry>/<app>/<microservice>}
 * @param tag        the deployment id
 * @param digest     {@code sha256:...} of the manifest in the registry
 */
public record BuiltImage(String repository, String tag, String digest) {

    /** The reference instances run: {@code <repository>@<digest>}. */
    public String byDigest() {
        return repository + "@" + digest;
    }
}
