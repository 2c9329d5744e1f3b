package dev.skyport.api.config;

import java.util.List;

/** A list of values. */
public record ConfigSequence(List<ConfigValue> items, SourcePosition position) implements ConfigValue {

    public ConfigSequence {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
