package dev.skyport.catalog.source;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** One runtime's directory: its version templates and, optionally, its settings file. */
public record RuntimeTree(String name, Optional<SettingsFile> settings, SortedMap<String, VersionTree> versions) {

    public RuntimeTree {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    /** {@code over}'s versions replace these of the same name and add new ones; its settings file, if any, replaces this one. */
    public RuntimeTree overlay(RuntimeTree over) {
        SortedMap<String, VersionTree> merged = new TreeMap<>(versions);
        merged.putAll(over.versions);
        return new RuntimeTree(name, over.settings.or(() -> settings), merged);
    }
}
