package dev.skyport.api.config;

import java.util.List;

/**
 * The outcome of reading or checking a configuration: the value when there is no problem,
 * and every problem found (readers keep going after the first one so a person fixes all at once).
 */
public record ConfigResult<T>(T value, List<ConfigProblem> problems) {

    public ConfigResult {
        problems = List.copyOf(problems);
        if (problems.isEmpty() && value == null) {
            throw new IllegalArgumentException("a result without problems needs a value");
        }
        if (!problems.isEmpty()) {
            value = null;
        }
    }

    public static <T> ConfigResult<T> valid(T value) {
        return new ConfigResult<>(value, List.of());
    }

    public static <T> ConfigResult<T> invalid(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
        return new ConfigResult<>(null, problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The value, or an {@link InvalidConfigException} listing every problem. */
    public T orElseThrow() {
        if (!isValid()) {
            throw new InvalidConfigException(problems);
        }
        return value;
    }
}
