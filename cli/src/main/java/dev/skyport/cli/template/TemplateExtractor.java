package dev.skyport.cli.template;

import dev.skyport.cli.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a template tarball, accepting only what a template may hold: regular files named
 * {@code Dockerfile}, {@code .dockerignore} or under {@code .skyport/}, and their directories.
 */
final class TemplateExtractor {

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private TemplateExtractor() {
    }

    static void extract(Path tarball, Path target, String label) throws IOException {
        Files.createDirectories(target);
        long total = 0;
        boolean dockerfile = false;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball));
             TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                while (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                if (!allowed(name) || !(entry.isFile() || entry.isDirectory())) {
                    throw CliFailure.failed(label + " from the catalog holds '" + entry.getName() + "', which a"
                            + " template may not (only Dockerfile, .dockerignore and files under .skyport/);"
                            + " report it to the platform's operators");
                }
                Path path = target.resolve(name);
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                total += entry.getSize();
                if (total > MAX_BYTES) {
                    throw CliFailure.failed(label + " from the catalog is larger than " + MAX_BYTES + " bytes");
                }
                Files.createDirectories(path.getParent());
                Files.copy(tar, path);
                if ((entry.getMode() & 0100) != 0) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                dockerfile |= name.equals("Dockerfile");
            }
        }
        if (!dockerfile) {
            throw CliFailure.failed(label + " from the catalog has no Dockerfile; report it to the platform's operators");
        }
    }

    private static boolean allowed(String name) {
        if (name.startsWith("/") || name.contains("\\")) {
            return false;
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return name.equals("Dockerfile") || name.equals(".dockerignore") || name.equals(".skyport")
                || name.startsWith(".skyport/");
    }
}
