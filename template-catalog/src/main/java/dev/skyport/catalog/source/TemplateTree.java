package dev.skyport.catalog.source;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every runtime of one source, or of several sources laid over each other. */
public record TemplateTree(SortedMap<String, RuntimeTree> runtimes) {

    public static final TemplateTree EMPTY = new TemplateTree(new TreeMap<>());

    public TemplateTree {
        runtimes = Collections.unmodifiableSortedMap(new TreeMap<>(runtimes));
    }

    /** A template in {@code over} replaces the one of the same runtime and version here; new ones are added. */
    public TemplateTree overlay(TemplateTree over) {
        SortedMap<String, RuntimeTree> merged = new TreeMap<>(runtimes);
        over.runtimes.forEach((name, runtime) -> merged.merge(name, runtime, RuntimeTree::overlay));
        return new TemplateTree(merged);
    }
}
