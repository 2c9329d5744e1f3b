package dev.skyport.registry.retention;

import dev.skyport.registry.client.RegistryClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the newest N images of a repository and deletes the manifests of the others.
 *
 * <p>Tags must sort by age: Skyport tags images with deployment ids ({@code d-20261122t030000-7f3a}),
 * whose text order is their time order. A manifest is deleted only when no kept tag and no protected
 * digest (the image that serves right now) points at it, because deleting a manifest removes all of
 * its tags.
 */
public final class ImageRetention {

    private final RegistryClient client;

    public ImageRetention(RegistryClient client) {
        this.client = client;
    }

    public RetentionReport keepLatest(String repository, int keep, Set<String> protectedDigests) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, not " + keep);
        }
        List<String> tags = new ArrayList<>(client.tags(repository));
        tags.sort(Comparator.reverseOrder());
        List<String> keptTags = new ArrayList<>(tags.subList(0, Math.min(keep, tags.size())));
        List<String> candidates = tags.subList(keptTags.size(), tags.size());

        Set<String> keptDigests = new HashSet<>(protectedDigests);
        for (String tag : keptTags) {
            client.manifestDigest(repository, tag).ifPresent(keptDigests::add);
        }
        List<String> deletedTags = new ArrayList<>();
        Set<String> deletedDigests = new LinkedHashSet<>();
        for (String tag : candidates) {
            Optional<String> digest = client.manifestDigest(repository, tag);
            if (digest.isEmpty()) {
                continue; // removed meanwhile, together with another tag of the same manifest
            }
            if (keptDigests.contains(digest.get())) {
                keptTags.add(tag);
                continue;
            }
            if (deletedDigests.contains(digest.get()) || client.deleteManifest(repository, digest.get())) {
                deletedDigests.add(digest.get());
            }
            deletedTags.add(tag);
        }
        return new RetentionReport(repository, keptTags, deletedTags, List.copyOf(deletedDigests));
    }
}
