package dev.skyport.registry.credentials;

import dev.skyport.registry.RegistryConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads registry credentials from a directory holding {@code username} and {@code password} files:
 * the layout of a mounted Kubernetes Secret and of what {@code scripts/dev-services} writes.
 * Surrounding white space (the trailing newline of {@code echo > file}) is ignored.
 */
public final class CredentialsDirectory {

    public static final String USERNAME_FILE = "username";
    public static final String PASSWORD_FILE = "password";

    private CredentialsDirectory() {
    }

    public static RegistryCredentials load(Path directory) {
        if (directory == null) {
            throw new RegistryConfigException("no registry credentials directory is configured; set it to a directory"
                    + " with '" + USERNAME_FILE + "' and '" + PASSWORD_FILE + "' files (a mounted Secret)");
        }
        if (!Files.isDirectory(directory)) {
            throw new RegistryConfigException("registry credentials directory " + directory
                    + " does not exist; mount the registry Secret there or fix the setting");
        }
        return new RegistryCredentials(read(directory, USERNAME_FILE), read(directory, PASSWORD_FILE));
    }

    private static String read(Path directory, String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new RegistryConfigException("registry credentials: " + file + " is missing; the directory must hold '"
                    + USERNAME_FILE + "' and '" + PASSWORD_FILE + "' files");
        }
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new RegistryConfigException("registry credentials: cannot read " + file + " (" + e.getMessage()
                    + "); check its permissions", e);
        }
        if (value.isEmpty()) {
            throw new RegistryConfigException("registry credentials: " + file + " is empty");
        }
        return value;
    }
}
