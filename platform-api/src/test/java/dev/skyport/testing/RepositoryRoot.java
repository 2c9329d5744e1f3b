package dev.skyport.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root, found from the module a test runs in. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/dev-services")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Skyport checkout (scripts/dev-services, mvnw) above " + dir);
    }
}
