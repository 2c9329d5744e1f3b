package dev.skyport.cli.template;

import java.nio.file.Path;

/**
 * A runtime template on disk, ready to merge.
 *
 * @param runtime   the runtime's name
 * @param version   the version the catalog served (the default when none was asked for)
 * @param eol       whether the catalog marks it end-of-life
 * @param sha256    the tarball's digest (its ETag)
 * @param directory the extracted files: {@code Dockerfile}, {@code .dockerignore}, {@code .skyport/}
 */
public record FetchedTemplate(String runtime, String version, boolean eol, String sha256, Path directory) {

    public String label() {
        return "the " + runtime + " " + version + " template";
    }
}
