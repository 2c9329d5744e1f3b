package dev.skyport.cli.settings;

/** What {@code skycli login} stores; either value may be missing. */
public record Settings(String endpoint, String token) {

    public static final Settings EMPTY = new Settings(null, null);
}
