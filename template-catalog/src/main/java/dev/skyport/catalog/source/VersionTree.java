package dev.skyport.catalog.source;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one template directory, {@code <runtime>/<version>/}.
 *
 * @param location where it came from, for logs and messages
 * @param files    path inside the template to content
 */
public record VersionTree(String runtime, String version, String location, SortedMap<String, byte[]> files) {

    public VersionTree {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
}
