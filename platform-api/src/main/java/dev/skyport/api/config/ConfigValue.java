package dev.skyport.api.config;

/**
 * A parsed configuration value before it is checked: the same tree whether it came from
 * {@code skygear.yaml} (with positions) or from a JSON item (without). The rules are written
 * once against this tree.
 */
public sealed interface ConfigValue permits ConfigScalar, ConfigMapping, ConfigSequence {

    SourcePosition position();

    /** How a person would call this kind of value in an error message. */
    String describe();
}
