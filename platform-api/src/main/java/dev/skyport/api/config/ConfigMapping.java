package dev.skyport.api.config;

import java.util.List;
import java.util.Optional;

/** A mapping in the order it was written. Readers reject duplicate keys before building one. */
public record ConfigMapping(List<ConfigEntry> entries, SourcePosition position) implements ConfigValue {

    public ConfigMapping {
        entries = List.copyOf(entries);
    }

    public Optional<ConfigEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String describe() {
        return "a mapping (key: value lines)";
    }
}
