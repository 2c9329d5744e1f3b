package dev.skyport.catalog.source;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a template source holds, by path relative to its root ({@code /}-separated).
 *
 * @param files       regular files and their contents
 * @param directories every directory, so that an empty template directory is noticed too
 */
public record SourceListing(SortedMap<String, byte[]> files, SortedSet<String> directories) {

    public SourceListing(Map<String, byte[]> files, Set<String> directories) {
        this(new TreeMap<>(files), new TreeSet<>(directories));
    }

    public SourceListing {
        files = new TreeMap<>(files);
        directories = new TreeSet<>(directories);
    }
}
