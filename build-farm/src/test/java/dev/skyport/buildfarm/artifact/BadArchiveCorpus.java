package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.testing.TestArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Archives that must be refused, each with the problem it must be refused for and the entry the
 * error must name (null when the archive as a whole is at fault). Built for limits of at most
 * {@link #MAX_UNCOMPRESSED} bytes and {@link #MAX_ENTRIES} entries.
 */
final class BadArchiveCorpus {

    static final long MAX_UNCOMPRESSED = 1 << 20;
    static final int MAX_ENTRIES = 100;

    /** One bad archive. */
    record BadArchive(String description, byte[] bytes, ArchiveProblem problem, String entry) {

        @Override
        public String toString() {
            return description + " -> " + problem.code();
        }
    }

    private final List<BadArchive> archives = new ArrayList<>();

    private BadArchiveCorpus() {
    }

    static List<BadArchive> all() {
        BadArchiveCorpus corpus = new BadArchiveCorpus();
        corpus.lengths();
        corpus.paths();
        corpus.symbolicLinks();
        corpus.hardLinks();
        corpus.entryTypes();
        corpus.duplicates();
        corpus.brokenStreams();
        corpus.limits();
        return List.copyOf(corpus.archives);
    }

    /** Past Linux's PATH_MAX and NAME_MAX: refused before any resolution reads them. */
    private void lengths() {
        // 1,000,000 bytes: a megabyte that still fits the corpus's uncompressed cap.
        add("symlink with a 1 MB target of short segments", tar().paxHeader("linkpath", "a/".repeat(500_000))
                        .symlink("deep", "placeholder"),
                ArchiveProblem.LINK_TARGET_TOO_LONG, "deep");
        add("hard link with a 5000-byte target", tar().file("f", "f").hardLink("h", "d/".repeat(2_500)),
                ArchiveProblem.LINK_TARGET_TOO_LONG, "h");
        String longName = "d/".repeat(2_499) + "ff";
        add("entry with a 5000-byte name", tar().file(longName, "x"), ArchiveProblem.NAME_TOO_LONG,
                PathLengthLimits.shown(longName));
        add("entry with a 300-byte file name", tar().file("src/" + "x".repeat(300), "x"),
                ArchiveProblem.PATH_SEGMENT_TOO_LONG, "src/" + "x".repeat(300));
        add("symlink whose target has a 300-byte file name", tar().symlink("s", "src/" + "é".repeat(150)),
                ArchiveProblem.PATH_SEGMENT_TOO_LONG, "s");
    }

    private void paths() {
        add("tar-slip", tar().file("Dockerfile", "FROM scratch\n").file("../x", "escaped"),
                ArchiveProblem.PATH_TRAVERSAL, "../x");
        add("tar-slip through a directory", tar().file("src/../../x", "escaped"), ArchiveProblem.PATH_TRAVERSAL,
                "src/../../x");
        add("absolute path", tar().file("/etc/cron.d/x", "* * * * * root sh"), ArchiveProblem.ABSOLUTE_PATH,
                "/etc/cron.d/x");
        add("symbolic link named as the root", tar().symlink(".", "/etc"), ArchiveProblem.INVALID_NAME, ".");
    }

    private void symbolicLinks() {
        add("symlink to an absolute path", tar().symlink("passwd", "/etc/passwd"), ArchiveProblem.LINK_ABSOLUTE,
                "passwd");
        add("symlink whose target climbs out", tar().directory("a/b").symlink("a/b/up", "../../../outside"),
                ArchiveProblem.LINK_ESCAPES, "a/b/up");
        add("symlink with an empty target", tar().symlink("nowhere", ""), ArchiveProblem.LINK_EMPTY_TARGET,
                "nowhere");
        // The review's case: each link is inside when read as a path, but s/.. is the root's parent.
        add("link through a link to the root", tar().symlink("s", ".").symlink("t", "s/.."),
                ArchiveProblem.LINK_ESCAPES, "t");
        add("link through a link to the root, defined in the other order", tar().symlink("t", "s/..")
                .symlink("s", "."), ArchiveProblem.LINK_ESCAPES, "t");
        add("chain of two links, then up", tar().directory("a/b").symlink("a/b/up", "../..")
                .symlink("hop", "a/b/up").symlink("out", "hop/.."), ArchiveProblem.LINK_ESCAPES, "out");
        add("link in a subdirectory through a link to the root", tar().directory("d").symlink("d/root", "..")
                .symlink("d/out", "root/.."), ArchiveProblem.LINK_ESCAPES, "d/out");
        add("link loop", tar().symlink("a", "b").symlink("b", "a"), ArchiveProblem.LINK_LOOP, "b");
        add("link to itself", tar().symlink("self", "self/x"), ArchiveProblem.LINK_LOOP, "self");
        add("entry written through a link", tar().directory("real").symlink("s", "real").file("s/x", "x"),
                ArchiveProblem.ENTRY_BENEATH_LINK, "s/x");
        add("entry written through a link to the root", tar().symlink("s", ".").symlink("s/t", ".."),
                ArchiveProblem.ENTRY_BENEATH_LINK, "s/t");
    }

    private void hardLinks() {
        add("hard link out of the root", tar().hardLink("h", "../x"), ArchiveProblem.HARD_LINK_ESCAPES, "h");
        add("hard link to an absolute path", tar().hardLink("h", "/etc/shadow"), ArchiveProblem.HARD_LINK_ESCAPES,
                "h");
        add("hard link to a missing entry", tar().file("a", "a").hardLink("h", "b"),
                ArchiveProblem.HARD_LINK_TARGET_MISSING, "h");
        add("hard link to a file archived after it", tar().hardLink("h", "later").file("later", "x"),
                ArchiveProblem.HARD_LINK_TARGET_MISSING, "h");
        add("hard link to a directory", tar().directory("d").hardLink("h", "d"),
                ArchiveProblem.HARD_LINK_TARGET_MISSING, "h");
        add("hard link to a symbolic link", tar().symlink("s", "x").hardLink("h", "s"),
                ArchiveProblem.HARD_LINK_TARGET_MISSING, "h");
        add("hard link through a symbolic link", tar().directory("d").file("d/f", "f").symlink("s", "d")
                .hardLink("h", "s/f"), ArchiveProblem.HARD_LINK_TARGET_MISSING, "h");
    }

    private void entryTypes() {
        add("character device", tar().special("dev/null", TarConstants.LF_CHR), ArchiveProblem.DEVICE_FILE,
                "dev/null");
        add("block device", tar().special("dev/sda", TarConstants.LF_BLK), ArchiveProblem.DEVICE_FILE, "dev/sda");
        add("FIFO", tar().special("pipe", TarConstants.LF_FIFO), ArchiveProblem.FIFO, "pipe");
        add("unknown entry type", tar().special("odd", (byte) 'Z'), ArchiveProblem.UNSUPPORTED_ENTRY_TYPE, "odd");
        add("contiguous file (type 7)", tar().special("cont", TarConstants.LF_CONTIG),
                ArchiveProblem.UNSUPPORTED_ENTRY_TYPE, "cont");
    }

    private void duplicates() {
        add("the same file twice", tar().file("Dockerfile", "FROM a\n").file("Dockerfile", "FROM b\n"),
                ArchiveProblem.DUPLICATE_ENTRY, "Dockerfile");
        add("the same file twice, once with ./", tar().file("app.js", "1").file("./app.js", "2"),
                ArchiveProblem.DUPLICATE_ENTRY, "./app.js");
        add("a file replaced by a symlink", tar().file("config", "ok").symlink("config", "config.d/real"),
                ArchiveProblem.DUPLICATE_ENTRY, "config");
        add("a directory twice", tar().directory("src").directory("src"), ArchiveProblem.DUPLICATE_ENTRY, "src/");
        add("a directory replaced by a symlink", tar().file("lib/a.js", "a").symlink("lib", "."),
                ArchiveProblem.DUPLICATE_ENTRY, "lib");
        add("an entry inside a file", tar().file("f", "f").file("f/g", "g"), ArchiveProblem.DUPLICATE_ENTRY, "f/g");
    }

    private void brokenStreams() {
        byte[] good = tar().file("Dockerfile", "FROM scratch\n").file("app.js", "x".repeat(20_000)).bytes();
        add("not gzip", "just some text".getBytes(StandardCharsets.UTF_8), ArchiveProblem.GZIP_INVALID, null);
        // gzip checks the CRC as the tar reader reaches the end, so the last entry read is named.
        add("gzip with a wrong CRC", corruptCrc(good), ArchiveProblem.GZIP_INVALID, "app.js");
        add("gzip of something that is not a tar", gzip("not a tar archive, only text ".repeat(40)
                .getBytes(StandardCharsets.UTF_8)), ArchiveProblem.TAR_INVALID, null);
        add("gzip cut short", Arrays.copyOf(good, good.length / 2), ArchiveProblem.ARCHIVE_TRUNCATED, null);
        byte[] tar = gunzip(good);
        add("tar cut short inside an entry", gzip(Arrays.copyOf(tar, 512 + 512 + 512 + 3000)),
                ArchiveProblem.ARCHIVE_TRUNCATED, "app.js");
        add("tar cut short inside a header", gzip(Arrays.copyOf(tar, 512 + 512 + 100)),
                ArchiveProblem.ARCHIVE_TRUNCATED, null);
    }

    private void limits() {
        add("gzip bomb (16 MB of zeros)", tar().zeros("bomb", 16L << 20), ArchiveProblem.UNCOMPRESSED_TOO_LARGE,
                null);
        add("too many entries", tar().emptyFiles("f", MAX_ENTRIES + 1), ArchiveProblem.TOO_MANY_ENTRIES, null);
    }

    private void add(String description, TestArchive archive, ArchiveProblem problem, String entry) {
        add(description, archive.bytes(), problem, entry);
    }

    private void add(String description, byte[] bytes, ArchiveProblem problem, String entry) {
        archives.add(new BadArchive(description, bytes, problem, entry));
    }

    private static TestArchive tar() {
        return TestArchive.create();
    }

    /** The gzip trailer is CRC32 then length, little-endian: flip the CRC's first byte. */
    private static byte[] corruptCrc(byte[] gzip) {
        byte[] copy = gzip.clone();
        copy[copy.length - 8] ^= 0x5a;
        return copy;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] bytes) {
        try (GzipCompressorInputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
