package dev.skyport.catalog.source;

/**
 * A runtime's {@value TemplateLayout#RUNTIME_SETTINGS}, not yet parsed.
 *
 * @param location where it came from, for messages
 */
public record SettingsFile(String location, byte[] content) {

    public SettingsFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
