package dev.skyport.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes template directories for tests. */
public final class TemplateDirs {

    private TemplateDirs() {
    }

    public static Path write(Path root, String relativePath, String content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid template: a Dockerfile naming its base, and a .dockerignore. */
    public static Path template(Path root, String runtime, String version) {
        write(root, runtime + "/" + version + "/Dockerfile", "FROM " + runtime + ":" + version + "\n");
        write(root, runtime + "/" + version + "/.dockerignore", "*.log\n");
        return root.resolve(runtime).resolve(version);
    }
}
