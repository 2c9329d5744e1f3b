package dev.skyport.api.config;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of deployment item; only HTTP services exist for now. */
public enum ItemType {
    HTTP_SERVICE("http-service");

    private final String yamlName;

    ItemType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling in {@code skygear.yaml} and in JSON. */
    public String yamlName() {
        return yamlName;
    }

    public static Optional<ItemType> fromYamlName(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }
}
