package dev.skyport.buildfarm.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks that a file is a gzip-compressed tar that is safe to hand to a builder:
 * <ul>
 *   <li>no absolute paths and no {@code ..} segments;</li>
 *   <li>symbolic links resolve inside the root, hard links name a path inside the root, and no entry
 *       lies beneath a symbolic link (which is how archives write through links);</li>
 *   <li>only files, directories and links: no devices, FIFOs or other special entries;</li>
 *   <li>at most {@link ArchiveLimits#maxEntries()} entries and
 *       {@link ArchiveLimits#maxUncompressedBytes()} bytes once uncompressed.</li>
 * </ul>
 * Throws {@link ArchiveRejectedException} naming the entry and the rule it breaks.
 */
public final class ArchiveValidator {

    private final ArchiveLimits limits;

    public ArchiveValidator(ArchiveLimits limits) {
        this.limits = limits;
    }

    public ArchiveSummary validate(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            GzipCompressorInputStream gunzip;
            try {
                gunzip = GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            } catch (IOException e) {
                throw ArchiveRejectedException.invalid(null, "the artifact is not gzip-compressed (" + e.getMessage()
                        + "); upload a tar.gz of the build context");
            }
            LimitedCountingInputStream counted = new LimitedCountingInputStream(gunzip, limits.maxUncompressedBytes());
            return walk(new TarArchiveInputStream(counted), counted);
        }
    }

    private ArchiveSummary walk(TarArchiveInputStream tar, LimitedCountingInputStream counted) {
        Set<String> symlinks = new HashSet<>();
        Set<String> paths = new HashSet<>();
        long entries = 0;
        String last = null;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException e) {
                throw ArchiveRejectedException.invalid(last, "the artifact is not a valid tar archive"
                        + (last == null ? "" : " after entry '" + last + "'") + " (" + e.getMessage()
                        + "); upload a tar.gz of the build context");
            }
            if (entry == null) {
                break;
            }
            entries++;
            if (entries > limits.maxEntries()) {
                throw ArchiveRejectedException.tooLarge("entries", limits.maxEntries(), "the archive holds more than "
                        + limits.maxEntries() + " entries (skyport.build-farm.artifacts.max-entries); leave"
                        + " dependencies and build outputs out with .dockerignore");
            }
            String name = entry.getName();
            last = name;
            String path = checkPath(name);
            checkType(entry, name);
            if (entry.isSymbolicLink()) {
                checkSymlinkTarget(name, path, entry.getLinkName());
                symlinks.add(path);
            } else if (entry.isLink()) {
                checkHardLinkTarget(name, entry.getLinkName());
            }
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        for (String path : paths) {
            for (String parent = parentOf(path); !parent.isEmpty(); parent = parentOf(parent)) {
                if (symlinks.contains(parent)) {
                    throw ArchiveRejectedException.invalid(path, "entry '" + path + "' lies beneath the symbolic link '"
                            + parent + "'; an archive must not write through links");
                }
            }
        }
        return new ArchiveSummary(entries, counted.count());
    }

    /** The entry's path without a leading {@code ./} or trailing {@code /}; "" for the root itself. */
    private static String checkPath(String name) {
        if (name.isEmpty()) {
            throw ArchiveRejectedException.invalid(name, "the archive has an entry with an empty name");
        }
        if (name.startsWith("/")) {
            throw ArchiveRejectedException.invalid(name, "entry '" + name + "' has an absolute path; paths in the"
                    + " archive must be relative to the build context");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw ArchiveRejectedException.invalid(name, "entry '" + name + "' contains '..'; paths in the"
                        + " archive must stay inside the build context");
            }
        }
        return normalize(name);
    }

    private static void checkType(TarArchiveEntry entry, String name) {
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw ArchiveRejectedException.invalid(name, "entry '" + name + "' is a device file; build contexts may"
                    + " hold only files, directories and links");
        }
        if (entry.isFIFO()) {
            throw ArchiveRejectedException.invalid(name, "entry '" + name + "' is a FIFO (named pipe); build"
                    + " contexts may hold only files, directories and links");
        }
        if (!(entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() || entry.isLink())) {
            throw ArchiveRejectedException.invalid(name, "entry '" + name + "' has an unsupported type '"
                    + (char) entry.getLinkFlag() + "'; build contexts may hold only files, directories and links");
        }
    }

    private static void checkSymlinkTarget(String name, String path, String target) {
        if (target == null || target.isEmpty()) {
            throw ArchiveRejectedException.invalid(name, "symbolic link '" + name + "' has no target");
        }
        if (target.startsWith("/")) {
            throw ArchiveRejectedException.invalid(name, "symbolic link '" + name + "' points to the absolute path '"
                    + target + "', outside the build context; make it relative");
        }
        Deque<String> resolved = new ArrayDeque<>();
        String parent = parentOf(path);
        if (!parent.isEmpty()) {
            for (String segment : parent.split("/")) {
                resolved.addLast(segment);
            }
        }
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    throw ArchiveRejectedException.invalid(name, "symbolic link '" + name + "' points to '" + target
                            + "', outside the build context");
                }
                resolved.removeLast();
            } else {
                resolved.addLast(segment);
            }
        }
    }

    private static void checkHardLinkTarget(String name, String target) {
        if (target == null || target.isEmpty() || target.startsWith("/")) {
            throw ArchiveRejectedException.invalid(name, "hard link '" + name + "' points to '" + target
                    + "', outside the build context");
        }
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                throw ArchiveRejectedException.invalid(name, "hard link '" + name + "' points to '" + target
                        + "', outside the build context");
            }
        }
    }

    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n.replaceAll("/+", "/").replace("/./", "/");
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
