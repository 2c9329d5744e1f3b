package dev.skyport.registry.retention;

import java.util.List;

/**
 * What one retention pass did in one repository.
 *
 * @param keptTags       tags still there, newest first
 * @param deletedTags    tags removed, newest first
 * @param deletedDigests manifests deleted
 */
public record RetentionReport(String repository, List<String> keptTags, List<String> deletedTags,
                              List<String> deletedDigests) {

    public RetentionReport {
        keptTags = List.copyOf(keptTags);
        deletedTags = List.copyOf(deletedTags);
        deletedDigests = List.copyOf(deletedDigests);
    }
}
