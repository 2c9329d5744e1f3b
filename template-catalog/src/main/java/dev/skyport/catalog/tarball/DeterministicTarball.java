package dev.skyport.catalog.tarball;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs files into a tar.gz whose bytes depend only on the paths and contents: entries sorted by
 * path, one fixed time, owner root:root, mode 0644, and a gzip header without time or file name.
 * The same files therefore always give the same SHA-256, which the catalog serves as ETag.
 *
 * <p>Only regular files are written (their directories are implied), in the plain ustar format:
 * paths must be ASCII and at most {@value #MAX_PATH_BYTES} bytes, so no PAX or GNU extension
 * headers (which carry their own times and names) are ever needed.
 */
public final class DeterministicTarball {

    /** Every entry's modification time: 1980-01-01, the earliest time every archive format can hold. */
    public static final Instant ENTRY_TIME = Instant.parse("1980-01-01T00:00:00Z");
    public static final int FILE_MODE = 0100644;
    public static final int MAX_PATH_BYTES = 100;

    private DeterministicTarball() {
    }

    /**
     * @param files relative path ({@code /}-separated, no leading {@code /}) to content; any order
     * @throws IllegalArgumentException if a path cannot be stored as a plain ustar name
     */
    public static Tarball of(Map<String, byte[]> files) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(buffer, gzipParameters()))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                tar.putArchiveEntry(entry(file.getKey(), file.getValue().length));
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a tarball in memory", e);
        }
        byte[] bytes = buffer.toByteArray();
        return new Tarball(bytes, sha256(bytes));
    }

    /** Why {@code path} cannot go into a tarball, or null when it can. */
    public static String pathProblem(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return "is not a relative file path";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has an empty, '.' or '..' segment";
            }
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(path) || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "has characters outside printable ASCII";
        }
        if (path.length() > MAX_PATH_BYTES) {
            return "is longer than " + MAX_PATH_BYTES + " characters";
        }
        return null;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static TarArchiveEntry entry(String path, long size) {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("cannot put '" + path + "' into a tarball: it " + problem);
        }
        TarArchiveEntry entry = new TarArchiveEntry(path, true);
        entry.setSize(size);
        entry.setMode(FILE_MODE);
        entry.setModTime(FileTime.from(ENTRY_TIME));
        // The constructor fills in the JVM's user name; an archive must not depend on who built it.
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
        return entry;
    }

    private static GzipParameters gzipParameters() {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(Deflater.BEST_COMPRESSION);
        parameters.setModificationTime(0);
        parameters.setOperatingSystem(255); // "unknown": the same header wherever it is built
        return parameters;
    }
}
