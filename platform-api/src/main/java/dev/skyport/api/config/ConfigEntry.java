package dev.skyport.api.config;

/** One {@code key: value} pair of a mapping, with where the key was written. */
public record ConfigEntry(String key, SourcePosition keyPosition, ConfigValue value) {
}
