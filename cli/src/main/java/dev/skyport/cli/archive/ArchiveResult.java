package dev.skyport.cli.archive;

import java.nio.file.Path;

/**
 * A written context archive.
 *
 * @param file         the tar.gz
 * @param size         its size in bytes
 * @param sha256       the SHA-256 of its bytes, 64 lower-case hex digits (the artifact's name)
 * @param entries      tar entries (directories, files, links)
 * @param files        regular files among them
 * @param contentBytes bytes of file content before compression
 */
public record ArchiveResult(Path file, long size, String sha256, long entries, long files, long contentBytes) {
}
