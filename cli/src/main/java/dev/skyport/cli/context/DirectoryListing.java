package dev.skyport.cli.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/** One directory's children with the facts the archive needs, read with one lstat each. */
final class DirectoryListing {

    /** A child; {@code kind} is {@code null} for a socket, FIFO or device. */
    record Child(String name, EntryKind kind, long size, boolean executable, String linkTarget, Path file) {

        boolean isDirectory() {
            return kind == EntryKind.DIRECTORY;
        }
    }

    private DirectoryListing() {
    }

    static List<Child> list(Path directory) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path file : stream) {
                children.add(describe(file));
            }
        }
        return children;
    }

    private static Child describe(Path file) throws IOException {
        String name = file.getFileName().toString();
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return new Child(name, EntryKind.SYMLINK, 0, false, Files.readSymbolicLink(file).toString(), file);
        }
        if (attributes.isDirectory()) {
            return new Child(name, EntryKind.DIRECTORY, 0, false, null, file);
        }
        if (attributes.isRegularFile()) {
            boolean executable = attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            return new Child(name, EntryKind.FILE, attributes.size(), executable, null, file);
        }
        return new Child(name, null, 0, false, null, file);
    }
}
