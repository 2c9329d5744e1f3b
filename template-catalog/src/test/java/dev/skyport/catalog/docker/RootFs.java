package dev.skyport.catalog.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A root file system assembled from this machine's files, written as the tar that {@code docker import}
 * takes. Paths are absolute inside the image; parent directories are added as needed (0755, root).
 */
final class RootFs {

    private sealed interface Node permits Directory, HostFile, Content, Symlink {
    }

    private record Directory(int mode, int uid, int gid) implements Node {
    }

    private record HostFile(Path source, int mode) implements Node {
    }

    private record Content(byte[] bytes, int mode) implements Node {
    }

    private record Symlink(String target) implements Node {
    }

    private final SortedMap<String, Node> nodes = new TreeMap<>();

    RootFs directory(String path, int mode, int uid, int gid) {
        addParents(path);
        nodes.put(relative(path), new Directory(mode, uid, gid));
        return this;
    }

    RootFs file(String path, String content, int mode) {
        addParents(path);
        nodes.put(relative(path), new Content(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode));
        return this;
    }

    RootFs symlink(String path, String target) {
        addParents(path);
        nodes.put(relative(path), new Symlink(target));
        return this;
    }

    /** The host file at {@code path} (links followed), at the same path in the image. */
    RootFs hostFile(Path path) {
        return hostFile(path, path.toString());
    }

    RootFs hostFile(Path source, String path) {
        addParents(path);
        nodes.put(relative(path), new HostFile(source, mode(source)));
        return this;
    }

    /** A host directory tree at the same path, links kept as links, minus what {@code skip} matches. */
    RootFs hostTree(Path root, Predicate<Path> skip) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !skippedOrUnder(p, root, skip)).forEach(p -> {
                if (Files.isSymbolicLink(p)) {
                    symlink(p.toString(), readLink(p));
                } else if (Files.isDirectory(p)) {
                    directory(p.toString(), 0755, 0, 0);
                } else if (Files.isRegularFile(p)) {
                    hostFile(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An executable and every shared library {@code ldd} names for it. */
    RootFs withLibraries(Path executable) {
        hostFile(executable);
        SharedLibraries.of(executable).forEach(this::hostFile);
        return this;
    }

    long fileCount() {
        return nodes.values().stream().filter(n -> !(n instanceof Directory)).count();
    }

    void writeTar(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var node : nodes.entrySet()) {
                write(tar, node.getKey(), node.getValue());
            }
        }
    }

    private static void write(TarArchiveOutputStream tar, String name, Node node) throws IOException {
        if (node instanceof Directory dir) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(040000 | dir.mode());
            entry.setUserId(dir.uid());
            entry.setGroupId(dir.gid());
            owner(entry);
            tar.putArchiveEntry(entry);
        } else if (node instanceof Symlink link) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(link.target());
            owner(entry);
            tar.putArchiveEntry(entry);
        } else if (node instanceof Content content) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(0100000 | content.mode());
            entry.setSize(content.bytes().length);
            owner(entry);
            tar.putArchiveEntry(entry);
            tar.write(content.bytes());
        } else if (node instanceof HostFile file) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(0100000 | file.mode());
            entry.setSize(Files.size(file.source()));
            owner(entry);
            tar.putArchiveEntry(entry);
            try (InputStream in = Files.newInputStream(file.source())) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static void owner(TarArchiveEntry entry) {
        entry.setUserName("");
        entry.setGroupName("");
    }

    private void addParents(String path) {
        Path parent = Path.of(path).getParent();
        while (parent != null && !parent.toString().equals("/")) {
            nodes.putIfAbsent(relative(parent.toString()), new Directory(0755, 0, 0));
            parent = parent.getParent();
        }
    }

    private static boolean skippedOrUnder(Path path, Path root, Predicate<Path> skip) {
        for (Path p = path; p != null && p.startsWith(root); p = p.getParent()) {
            if (skip.test(p)) {
                return true;
            }
        }
        return false;
    }

    private static String relative(String absolute) {
        if (!absolute.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path inside the image: " + absolute);
        }
        return absolute.substring(1);
    }

    private static int mode(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
