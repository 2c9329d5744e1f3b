package dev.skyport.catalog.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import dev.skyport.catalog.source.InvalidTemplatesException;
import dev.skyport.catalog.source.SettingsFile;

/**
 * A runtime's {@code runtime.properties}: which versions are end-of-life, and optionally which one
 * is the default. Kept outside the version directories so that a date passing, or an operator
 * changing it, never changes a template's digest.
 * <pre>
 * 20.eol = 2026-04-30     # end-of-life from that day on; or true / false
 * default = 22            # optional; else the newest version that is not end-of-life
 * </pre>
 */
public record RuntimeSettings(Map<String, EndOfLife> endOfLife, Optional<String> defaultVersion) {

    public static final RuntimeSettings NONE = new RuntimeSettings(Map.of(), Optional.empty());

    static final String EOL_SUFFIX = ".eol";
    static final String DEFAULT_KEY = "default";

    public RuntimeSettings {
        endOfLife = Map.copyOf(endOfLife);
    }

    public EndOfLife endOfLife(String version) {
        return endOfLife.getOrDefault(version, EndOfLife.SUPPORTED);
    }

    public static RuntimeSettings parse(SettingsFile file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(file.content(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTemplatesException(file.location() + " is not a valid properties file: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, EndOfLife> endOfLife = new TreeMap<>();
        Optional<String> defaultVersion = Optional.empty();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            String value = properties.getProperty(key).strip();
            if (key.equals(DEFAULT_KEY)) {
                if (value.isEmpty()) {
                    problems.add(file.location() + ": 'default' is empty; name a version (default = 22) or remove the line");
                } else {
                    defaultVersion = Optional.of(value);
                }
            } else if (key.endsWith(EOL_SUFFIX) && key.length() > EOL_SUFFIX.length()) {
                try {
                    endOfLife.put(key.substring(0, key.length() - EOL_SUFFIX.length()), EndOfLife.parse(value));
                } catch (IllegalArgumentException e) {
                    problems.add(file.location() + ": " + key + " = " + e.getMessage());
                }
            } else {
                problems.add(file.location() + ": unknown key '" + key + "'; the keys are '<version>.eol'"
                        + " (a date like 2026-04-30, or true/false) and 'default'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplatesException(problems);
        }
        return new RuntimeSettings(endOfLife, defaultVersion);
    }
}
