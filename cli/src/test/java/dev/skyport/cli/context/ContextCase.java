package dev.skyport.cli.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build context for the table and parity tests: a {@code .dockerignore}, a tree, and what current
 * Docker (BuildKit) sends from it.
 *
 * @param name           names the case in test reports and in the parity exclusions
 * @param dockerignore   the file's text, or {@code null} for none
 * @param tree           {@code dir/} for a directory, {@code link -> target} for a symlink, else a file
 * @param expected       what is sent: directories end with {@code /}, sorted by path
 * @param engine2010Note why Docker Engine 20.10 sends something else here, or {@code null} when it agrees
 */
record ContextCase(String name, String dockerignore, List<String> tree, List<String> expected, String engine2010Note) {

    @Override
    public String toString() {
        return name;
    }

    /** Writes the tree (and the .dockerignore) under {@code root}. */
    void create(Path root) throws IOException {
        Files.createDirectories(root);
        if (dockerignore != null) {
            Files.writeString(root.resolve(".dockerignore"), dockerignore, StandardCharsets.UTF_8);
        }
        for (String entry : tree) {
            if (entry.contains(" -> ")) {
                String[] parts = entry.split(" -> ");
                Path link = root.resolve(parts[0]);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(parts[1]));
            } else if (entry.endsWith("/")) {
                Files.createDirectories(root.resolve(entry));
            } else {
                Path file = root.resolve(entry);
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry + "\n", StandardCharsets.UTF_8);
            }
        }
    }
}
