package dev.skyport.cli.context;

import java.nio.file.Path;

/**
 * One entry of a build context as it will be archived.
 *
 * @param path       slash-separated, relative to the context, no leading {@code ./}
 * @param kind       directory, file or symlink
 * @param size       bytes of a file, 0 otherwise
 * @param executable whether a file is executable by its owner (archived as 0755, else 0644)
 * @param linkTarget the target of a symlink as written, {@code null} otherwise
 * @param source     where the bytes come from on disk
 */
public record ContextEntry(String path, EntryKind kind, long size, boolean executable, String linkTarget,
                           Path source) {
}
