package dev.skyport.cli.settings;

import dev.skyport.cli.CliEnvironment;
import java.nio.file.Path;

/** skycli's directory: {@code $SKYPORT_HOME}, else {@code ~/.skyport}. Holds {@code config} and {@code cache/}. */
public record SkyportHome(Path directory) {

    public static SkyportHome of(CliEnvironment environment) {
        String explicit = environment.variable("SKYPORT_HOME");
        if (explicit != null) {
            return new SkyportHome(environment.workingDirectory().resolve(explicit).normalize());
        }
        String home = environment.variable("HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return new SkyportHome(base.resolve(".skyport"));
    }

    public Path configFile() {
        return directory.resolve("config");
    }

    public Path templateCache() {
        return directory.resolve("cache").resolve("templates");
    }
}
