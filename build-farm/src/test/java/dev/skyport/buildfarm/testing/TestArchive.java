package dev.skyport.buildfarm.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz build contexts in memory, good or deliberately bad, with fixed times (same input, same bytes). */
public final class TestArchive {

    private final List<Consumer<TarArchiveOutputStream>> entries = new ArrayList<>();

    public static TestArchive create() {
        return new TestArchive();
    }

    public TestArchive file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TestArchive file(String name, byte[] content, int mode) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            entry.setMode(mode);
            put(tar, entry, content);
        });
        return this;
    }

    public TestArchive directory(String name) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
            entry.setMode(0755);
            put(tar, entry, null);
        });
        return this;
    }

    public TestArchive symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    public TestArchive hardLink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    public TestArchive special(String name, byte type) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            entry.setMode(0644);
            put(tar, entry, null);
        });
        return this;
    }

    private TestArchive link(String name, String target, byte type) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            entry.setLinkName(target);
            entry.setMode(0777);
            put(tar, entry, null);
        });
        return this;
    }

    /**
     * A PAX extended header ({@code key=value}) that applies to the next entry, written as is:
     * commons-compress would write a long name itself, but shortens the plain header's copy one
     * character at a time, which takes minutes for a megabyte.
     */
    public TestArchive paxHeader(String key, String value) {
        byte[] record = paxRecord(key, value);
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("PaxHeaders/next", TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                    true);
            entry.setSize(record.length);
            entry.setMode(0644);
            put(tar, entry, record);
        });
        return this;
    }

    /** {@code "<length> key=value\n"}, where the length counts the whole record, its own digits included. */
    private static byte[] paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Many empty files named {@code prefix0..prefixN-1}. */
    public TestArchive emptyFiles(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            file(prefix + i, new byte[0], 0644);
        }
        return this;
    }

    /** A file of {@code size} zero bytes (compresses to almost nothing: a gzip bomb at scale). */
    public TestArchive zeros(String name, long size) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(size);
            entry.setMode(0644);
            try {
                tar.putArchiveEntry(entry);
                byte[] block = new byte[1 << 16];
                for (long left = size; left > 0; left -= block.length) {
                    tar.write(block, 0, (int) Math.min(block.length, left));
                }
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Consumer<TarArchiveOutputStream> entry : entries) {
                entry.accept(tar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) {
        entry.setModTime(946684800000L);
        entry.setUserId(0);
        entry.setGroupId(0);
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
