package dev.skyport.cli.archive;

import dev.skyport.cli.context.ContextEntry;
import dev.skyport.cli.context.ContextException;
import dev.skyport.cli.context.ContextWalker;
import dev.skyport.cli.context.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a build context as a deterministic tar.gz while walking it: entries sorted by path, mtime 0,
 * uid/gid 0 with owner names {@code root}, modes 0755 for directories and executables and 0644 for
 * other files, symlinks as links. The SHA-256 is computed over the bytes as they are written, and
 * memory does not grow with the context: one file is streamed at a time through fixed buffers.
 */
public final class ContextArchiver {

    /** gzip's own default level, so sizes compare with {@code tar -czf}. */
    public static final int DEFAULT_LEVEL = 6;
    private static final int COPY_BUFFER = 64 * 1024;

    private final int level;
    private final int threads;

    public ContextArchiver(int level, int threads) {
        this.level = level;
        this.threads = threads;
    }

    public static ContextArchiver withDefaults() {
        return new ContextArchiver(DEFAULT_LEVEL, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Writes the archive to {@code target}, atomically: a partial archive is never left behind. */
    public ArchiveResult write(ContextWalker walker, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".skycli-", ".tar.gz.partial");
        try {
            ArchiveResult result;
            try (OutputStream file = Files.newOutputStream(partial)) {
                result = write(walker, file);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ArchiveResult(target, result.size(), result.sha256(), result.entries(), result.files(),
                    result.contentBytes());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Streams the archive to {@code destination} (left open); the result's {@code file} is {@code null}. */
    public ArchiveResult write(ContextWalker walker, OutputStream destination) throws IOException {
        DigestingOutputStream digest = new DigestingOutputStream(new NonClosing(destination));
        Counts counts = new Counts();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(digest, level, threads);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[COPY_BUFFER];
            walker.walk(entry -> {
                tar.putArchiveEntry(tarEntry(entry));
                if (entry.kind() == EntryKind.FILE) {
                    copy(entry, tar, buffer);
                    counts.files++;
                    counts.contentBytes += entry.size();
                }
                tar.closeArchiveEntry();
                counts.entries++;
            });
            tar.finish();
        }
        return new ArchiveResult(null, digest.count(), digest.hex(), counts.entries, counts.files, counts.contentBytes);
    }

    private static TarArchiveEntry tarEntry(ContextEntry entry) {
        TarArchiveEntry tar;
        switch (entry.kind()) {
            case DIRECTORY -> {
                tar = new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
                tar.setMode(040755);
            }
            case SYMLINK -> {
                tar = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
                tar.setLinkName(entry.linkTarget());
                tar.setMode(0120777);
            }
            default -> {
                tar = new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
                tar.setMode(entry.executable() ? 0100755 : 0100644);
                tar.setSize(entry.size());
            }
        }
        tar.setModTime(0L);
        tar.setUserId(0);
        tar.setGroupId(0);
        tar.setUserName("root");
        tar.setGroupName("root");
        return tar;
    }

    private static void copy(ContextEntry entry, OutputStream tar, byte[] buffer) throws IOException {
        long remaining = entry.size();
        try (InputStream in = Files.newInputStream(entry.source())) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw changed(entry);
                }
                tar.write(buffer, 0, n);
                remaining -= n;
            }
            if (in.read() >= 0) {
                throw changed(entry);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ContextException("cannot read '" + entry.path() + "': permission denied; make it readable or"
                    + " add it to .dockerignore", e);
        }
    }

    private static ContextException changed(ContextEntry entry) {
        return new ContextException("'" + entry.path() + "' changed size while it was being archived; stop whatever"
                + " writes it and try again");
    }

    private static final class Counts {
        long entries;
        long files;
        long contentBytes;
    }

    /** Lets the gzip stream close without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
