package dev.skyport.registry.server;

import dev.skyport.registry.RegistryConfigException;

/** Checks shared by the typed registry settings. */
final class Settings {

    private Settings() {
    }

    static String required(String value, String what, String example) {
        if (value == null || value.isBlank()) {
            throw new RegistryConfigException(what + " is required, for example " + example);
        }
        return value.strip();
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
