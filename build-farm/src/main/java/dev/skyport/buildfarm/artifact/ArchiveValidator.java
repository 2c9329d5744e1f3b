package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.artifact.ArchiveTree.Kind;
import dev.skyport.buildfarm.artifact.ArchiveTree.Outcome;
import dev.skyport.buildfarm.artifact.ArchiveTree.Resolution;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks that a file is a gzip-compressed tar that is safe to hand to a builder:
 * <ul>
 *   <li>a whole gzip stream holding a whole tar;</li>
 *   <li>names and link targets within Linux's path and file-name lengths ({@link PathLengthLimits});</li>
 *   <li>no absolute paths, no {@code ..} segments, no path archived twice;</li>
 *   <li>symbolic links stay inside the root, read as paths and resolved through the archive's own
 *       links (see {@link ArchiveTree}); hard links name a regular file archived before them; no entry
 *       lies beneath a symbolic link (which is how archives write through links);</li>
 *   <li>only files, directories and links: no devices, FIFOs or other types;</li>
 *   <li>at most {@link ArchiveLimits#maxEntries()} entries, and uncompressed no more than
 *       {@link ArchiveLimits#maxUncompressedBytes()} nor the compression ratio allows.</li>
 * </ul>
 * Throws {@link ArchiveRejectedException} with the {@link ArchiveProblem}, the entry and how to fix it.
 */
public final class ArchiveValidator {

    private static final int TAR_BLOCK = 512;

    private final ArchiveLimits limits;

    public ArchiveValidator(ArchiveLimits limits) {
        this.limits = limits;
    }

    public ArchiveSummary validate(Path file) throws IOException {
        long compressedBytes = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            GzipCompressorInputStream gunzip;
            try {
                gunzip = GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            } catch (IOException e) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.GZIP_INVALID, null, "the artifact is not"
                        + " gzip-compressed (" + e.getMessage() + "); upload a tar.gz of the build context");
            }
            LimitedCountingInputStream counted = limited(GzipLayerException.tagging(gunzip), compressedBytes);
            ArchiveTree tree = new ArchiveTree();
            long entries = walk(new TarArchiveInputStream(counted), tree);
            drain(counted);
            checkLinksInTheWholeTree(tree);
            return new ArchiveSummary(entries, counted.count());
        }
    }

    /** Stops at the absolute cap or at what the ratio allows for this upload, whichever is lower. */
    private LimitedCountingInputStream limited(InputStream tarStream, long compressedBytes) {
        long cap = limits.maxUncompressedBytes();
        long byRatio = limits.ratioLimitFor(compressedBytes);
        Supplier<ArchiveRejectedException> overLimit = byRatio < cap
                ? () -> ArchiveRejectedException.overLimit(ArchiveProblem.COMPRESSION_RATIO_TOO_HIGH,
                        "compression_ratio", limits.maxCompressionRatio(), "the archive inflates to more than "
                                + byRatio + " bytes, over " + limits.maxCompressionRatio() + " times its "
                                + compressedBytes + " bytes (skyport.build-farm.artifacts.max-compression-ratio),"
                                + " which is how a gzip bomb looks; leave highly repetitive files (zero-filled"
                                + " images, large logs) out with .dockerignore")
                : () -> ArchiveRejectedException.overLimit(ArchiveProblem.UNCOMPRESSED_TOO_LARGE,
                        "uncompressed_size", cap, "the archive holds more than " + cap + " bytes once"
                                + " uncompressed (skyport.build-farm.artifacts.max-uncompressed-size); leave build"
                                + " outputs and dependencies out with .dockerignore");
        return new LimitedCountingInputStream(tarStream, Math.min(cap, byRatio), overLimit);
    }

    private long walk(TarArchiveInputStream tar, ArchiveTree tree) {
        long entries = 0;
        String last = null;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException e) {
                throw unreadable(e, last);
            }
            if (entry == null) {
                return entries;
            }
            entries++;
            if (entries > limits.maxEntries()) {
                throw ArchiveRejectedException.overLimit(ArchiveProblem.TOO_MANY_ENTRIES, "entries",
                        limits.maxEntries(), "the archive holds more than " + limits.maxEntries() + " entries"
                                + " (skyport.build-farm.artifacts.max-entries); leave dependencies and build outputs"
                                + " out with .dockerignore");
            }
            last = entry.getName();
            add(tree, entry);
        }
    }

    private static void add(ArchiveTree tree, TarArchiveEntry entry) {
        String name = entry.getName();
        PathLengthLimits.checkName(name);
        String path = checkPath(name, name, "entry '" + name + "'", ArchiveProblem.ABSOLUTE_PATH,
                ArchiveProblem.PATH_TRAVERSAL);
        Kind kind = kindOf(entry, name);
        if (path.isEmpty() && kind != Kind.DIRECTORY) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.INVALID_NAME, name, "entry '" + name + "' names the"
                    + " root of the build context, which must be a directory; give the entry a file name");
        }
        if (entry.isSymbolicLink()) {
            addSymlink(tree, name, path, entry.getLinkName());
        } else if (entry.isLink()) {
            addHardLink(tree, name, path, entry.getLinkName());
        } else {
            tree.add(name, path, kind, null);
        }
    }

    /**
     * The normalised form of {@code name} ({@code a/b}; "" for the root), refusing absolute and {@code ..}
     * paths; {@code entry} is the entry to blame, {@code what} how the message introduces it.
     */
    private static String checkPath(String name, String entry, String what, ArchiveProblem absolute,
                                    ArchiveProblem traversal) {
        if (name.isEmpty()) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.INVALID_NAME, entry, "the archive has an entry with"
                    + " an empty name; archive files by their path in the build context");
        }
        if (name.startsWith("/")) {
            throw ArchiveRejectedException.invalid(absolute, entry, what + " has the absolute path '" + name
                    + "'; paths in the archive must be relative to the build context");
        }
        if (ArchiveTree.segments(name).contains("..")) {
            throw ArchiveRejectedException.invalid(traversal, entry, what + " contains '..' ('" + name + "'); paths"
                    + " in the archive must stay inside the build context");
        }
        return String.join("/", ArchiveTree.segments(name));
    }

    private static Kind kindOf(TarArchiveEntry entry, String name) {
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.DEVICE_FILE, name, "entry '" + name + "' is a"
                    + " device file; build contexts may hold only files, directories and links, so leave it out");
        }
        if (entry.isFIFO()) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.FIFO, name, "entry '" + name + "' is a FIFO (named"
                    + " pipe); build contexts may hold only files, directories and links, so leave it out");
        }
        byte flag = entry.getLinkFlag();
        boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
        if (flag == TarConstants.LF_DIR || (regular && name.endsWith("/"))) {
            return Kind.DIRECTORY;
        }
        if (regular || flag == TarConstants.LF_LINK) {
            return Kind.FILE;
        }
        if (flag == TarConstants.LF_SYMLINK) {
            return Kind.SYMLINK;
        }
        // commons-compress reports unknown types as files, so the flag itself is what decides.
        String shown = flag >= 0x20 && flag < 0x7f ? "'" + (char) flag + "'" : "0x" + Integer.toHexString(flag & 0xff);
        throw ArchiveRejectedException.invalid(ArchiveProblem.UNSUPPORTED_ENTRY_TYPE, name, "entry '" + name
                + "' has the unsupported tar type " + shown + "; build contexts may hold only files, directories"
                + " and links, so archive it with a standard tar");
    }

    private static void addSymlink(ArchiveTree tree, String name, String path, String target) {
        if (target == null || target.isEmpty()) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.LINK_EMPTY_TARGET, name, "symbolic link '" + name
                    + "' has no target; remove it or give it a relative target inside the build context");
        }
        PathLengthLimits.checkLinkTarget(name, target, "symbolic link '" + name + "'");
        if (target.startsWith("/")) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.LINK_ABSOLUTE, name, "symbolic link '" + name
                    + "' points to the absolute path '" + target + "', outside the build context; make it relative"
                    + " to the link and inside the context");
        }
        // Read as a plain path first: that is how Docker's own extraction checks links.
        if (tree.resolve(path, target, false).outcome() != Outcome.INSIDE) {
            throw escapes(name, target, "");
        }
        tree.add(name, path, Kind.SYMLINK, target);
        checkResolution(tree, name, path, target, "");
    }

    private static void addHardLink(ArchiveTree tree, String name, String path, String target) {
        if (target == null || target.isEmpty()) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.HARD_LINK_TARGET_MISSING, name, "hard link '" + name
                    + "' names no file; a hard link must name a regular file archived before it");
        }
        PathLengthLimits.checkLinkTarget(name, target, "hard link '" + name + "'");
        String targetPath = checkPath(target, name, "the target of hard link '" + name + "'",
                ArchiveProblem.HARD_LINK_ESCAPES, ArchiveProblem.HARD_LINK_ESCAPES);
        if (!tree.isFile(targetPath)) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.HARD_LINK_TARGET_MISSING, name, "hard link '" + name
                    + "' names '" + target + "', which is not a regular file archived before it; archive the file"
                    + " first, or archive '" + name + "' as a copy");
        }
        tree.add(name, path, Kind.FILE, null);
    }

    /** Links added later can change where an earlier one leads; what the build sees is the whole tree. */
    private static void checkLinksInTheWholeTree(ArchiveTree tree) {
        for (Map.Entry<String, String> link : tree.symlinks().entrySet()) {
            checkResolution(tree, link.getKey(), link.getKey(), link.getValue(), " once the whole archive is extracted");
        }
    }

    private static void checkResolution(ArchiveTree tree, String name, String path, String target, String when) {
        Resolution resolution = tree.resolve(path, target, true);
        String via = resolution.via().isEmpty() ? "" : " through " + String.join(", ", resolution.via());
        if (resolution.outcome() == Outcome.ESCAPES) {
            throw escapes(name, target, via + when);
        }
        if (resolution.outcome() == Outcome.LOOP) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.LINK_LOOP, name, "symbolic link '" + name
                    + "' does not resolve: following it" + when + " takes more than " + ArchiveTree.MAX_LINK_HOPS
                    + " links (" + String.join(", ", resolution.via().subList(0, 3)) + ", ...); break the loop");
        }
    }

    private static ArchiveRejectedException escapes(String name, String target, String how) {
        return ArchiveRejectedException.invalid(ArchiveProblem.LINK_ESCAPES, name, "symbolic link '" + name
                + "' points to '" + target + "', which leads outside the build context" + how + "; make every link"
                + " point to a path inside the context");
    }

    /** Reads past the tar's end so gzip checks its length and CRC, and a cut-off tar shows as such. */
    private static void drain(LimitedCountingInputStream counted) {
        try {
            counted.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw unreadable(e, null);
        }
        if (counted.count() % TAR_BLOCK != 0) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.ARCHIVE_TRUNCATED, null, "the tar inside the"
                    + " artifact is " + counted.count() + " bytes, not a whole number of 512-byte blocks: it was cut"
                    + " short; create the tar.gz again and upload it");
        }
    }

    private static ArchiveRejectedException unreadable(IOException e, String last) {
        String after = last == null ? "" : " after entry '" + last + "'";
        GzipLayerException gzip = gzipFailure(e);
        if (gzip != null && gzip.endedEarly()) {
            return ArchiveRejectedException.invalid(ArchiveProblem.ARCHIVE_TRUNCATED, last, "the artifact's gzip"
                    + " stream ends early" + after + ": the file was cut short; create the tar.gz again and upload it");
        }
        if (gzip != null) {
            return ArchiveRejectedException.invalid(ArchiveProblem.GZIP_INVALID, last, "the artifact's gzip data is"
                    + " corrupt" + after + " (" + gzip.getMessage() + "); create the tar.gz again and upload it");
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof EOFException || message.contains("Truncated") || message.contains("premature end")) {
            return ArchiveRejectedException.invalid(ArchiveProblem.ARCHIVE_TRUNCATED, last, "the tar inside the"
                    + " artifact ends early" + after + " (" + message + "): it was cut short; create the tar.gz"
                    + " again and upload it");
        }
        return ArchiveRejectedException.invalid(ArchiveProblem.TAR_INVALID, last, "the artifact is not a valid tar"
                + " archive" + after + " (" + message + "); upload a tar.gz of the build context");
    }

    private static GzipLayerException gzipFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GzipLayerException gzip) {
                return gzip;
            }
        }
        return null;
    }
}
