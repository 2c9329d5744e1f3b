package dev.skyport.api.config;

/** What a scalar was written as; YAML resolves plain scalars, JSON has its own types. */
public enum ScalarKind {
    STRING("a string"),
    INTEGER("a number"),
    FLOAT("a decimal number"),
    BOOLEAN("true/false"),
    NULL("empty (null)");

    private final String description;

    ScalarKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
