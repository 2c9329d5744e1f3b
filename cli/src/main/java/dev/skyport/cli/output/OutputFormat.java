package dev.skyport.cli.output;

/** {@code --output}: text for people, JSON for scripts. */
public enum OutputFormat {
    text,
    json
}
