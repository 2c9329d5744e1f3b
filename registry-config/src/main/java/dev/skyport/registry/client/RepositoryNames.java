package dev.skyport.registry.client;

import java.util.regex.Pattern;

/** The registry's grammar for repository names and digests, checked before they go into a URL. */
public final class RepositoryNames {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private RepositoryNames() {
    }

    public static String requireRepository(String repository) {
        if (repository == null || repository.isEmpty() || repository.length() > 255) {
            throw new IllegalArgumentException("repository name '" + repository + "' must be 1..255 characters");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("repository name '" + repository + "' has an invalid component '"
                        + component + "'; use lower-case letters, digits and separators . _ -");
            }
        }
        return repository;
    }

    public static String requireReference(String reference) {
        if (reference == null || !(TAG.matcher(reference).matches() || DIGEST.matcher(reference).matches())) {
            throw new IllegalArgumentException("'" + reference + "' is neither a tag nor a sha256 digest");
        }
        return reference;
    }

    public static String requireDigest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("'" + digest + "' is not a digest of the form sha256:<64 hex digits>");
        }
        return digest;
    }
}
