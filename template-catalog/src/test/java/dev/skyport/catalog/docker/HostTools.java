package dev.skyport.catalog.docker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds programs on this machine. */
final class HostTools {

    private HostTools() {
    }

    /** The first {@code name} on the PATH (or in /usr/sbin, /sbin), as found, links not resolved. */
    static Path which(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !dir.contains("/.pyenv/shims")) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not on this machine's PATH; install it to run this test");
    }

    static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
