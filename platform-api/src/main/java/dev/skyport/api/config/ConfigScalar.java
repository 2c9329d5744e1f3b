package dev.skyport.api.config;

import java.util.Objects;

/**
 * A scalar with the text exactly as written, so {@code runtime_version: 3.10} stays {@code "3.10"}
 * instead of becoming the number 3.1.
 */
public record ConfigScalar(String text, ScalarKind kind, SourcePosition position) implements ConfigValue {

    public ConfigScalar {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
    }

    public boolean isNull() {
        return kind == ScalarKind.NULL;
    }

    @Override
    public String describe() {
        return kind.description();
    }
}
