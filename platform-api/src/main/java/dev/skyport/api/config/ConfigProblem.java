package dev.skyport.api.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration, precise enough to fix without guessing.
 *
 * @param source   the file ({@code skygear.yaml}) or {@code item} for a JSON item
 * @param position where it was written, {@link SourcePosition#UNKNOWN} for JSON
 * @param item     the deployment item's name, or {@code null} for a top-level problem
 * @param key      the key, dotted for nested ones ({@code health_check.path}), or {@code null}
 * @param message  what is wrong and how to fix it
 */
public record ConfigProblem(String source, SourcePosition position, String item, String key, String message) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** {@code skygear.yaml:12:5: item 'api', key 'port': port 70000 is out of range; ...}. */
    public String describe() {
        StringBuilder text = new StringBuilder(source);
        if (position.isKnown()) {
            text.append(':').append(position.line()).append(':').append(position.column());
        }
        text.append(": ");
        if (item != null) {
            text.append("item '").append(item).append("'");
            text.append(key != null ? ", " : ": ");
        }
        if (key != null) {
            text.append("key '").append(key).append("': ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
