package dev.skyport.buildfarm.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The artifact directory: {@code apps/<app>/<sha256>.tar.gz} plus a {@code <sha256>.entries} file with
 * the entry count, and {@code tmp/} for uploads in progress. A file appears under {@code apps/} only
 * by an atomic rename of a fully checked upload, so readers never see half an artifact.
 */
@Component
public class ArtifactStore {

    private static final String SUFFIX = ".tar.gz";
    private static final String ENTRIES_SUFFIX = ".entries";

    private final Path apps;
    private final Path tmp;
    private final Clock clock;

    public ArtifactStore(ArtifactProperties properties, Clock clock) {
        this.apps = properties.directory().resolve("apps");
        this.tmp = properties.directory().resolve("tmp");
        this.clock = clock;
        try {
            Files.createDirectories(apps);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact directory " + properties.directory()
                    + " (skyport.build-farm.artifacts.directory): " + e.getMessage(), e);
        }
    }

    public Path file(String app, String sha256) {
        return apps.resolve(app).resolve(ArtifactDigests.require(sha256) + SUFFIX);
    }

    public boolean exists(String app, String sha256) {
        return Files.isRegularFile(file(app, sha256));
    }

    public Optional<StoredArtifact> find(String app, String sha256) {
        Path file = file(app, sha256);
        try {
            long size = Files.size(file);
            long entries = readEntries(app, sha256);
            return Optional.of(new StoredArtifact(app, sha256, file, size, entries));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks the artifact as just used, so garbage collection counts its age from now. */
    public void touch(String app, String sha256) {
        try {
            Files.setLastModifiedTime(file(app, sha256), FileTime.from(clock.instant()));
        } catch (NoSuchFileException e) {
            // removed meanwhile: nothing to mark
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty file for an upload in progress. */
    public Path newTempFile() {
        try {
            return Files.createFile(tmp.resolve(UUID.randomUUID() + ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload file in " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** Moves a checked upload into place atomically; returns false when an identical artifact was already there. */
    public boolean install(Path checkedUpload, String app, String sha256, long entries) throws IOException {
        Path target = file(app, sha256);
        Files.createDirectories(target.getParent());
        Path entriesFile = target.resolveSibling(sha256 + ENTRIES_SUFFIX);
        Path entriesTmp = tmp.resolve(UUID.randomUUID() + ".entries");
        Files.writeString(entriesTmp, Long.toString(entries), StandardCharsets.US_ASCII);
        moveAtomically(entriesTmp, entriesFile);
        if (Files.exists(target)) {
            Files.deleteIfExists(checkedUpload);
            return false;
        }
        moveAtomically(checkedUpload, target);
        return true;
    }

    public void delete(String app, String sha256) throws IOException {
        Path target = file(app, sha256);
        Files.deleteIfExists(target);
        Files.deleteIfExists(target.resolveSibling(sha256 + ENTRIES_SUFFIX));
    }

    /** Every stored artifact of every app, for garbage collection. */
    public List<StoredFile> list() throws IOException {
        List<StoredFile> result = new ArrayList<>();
        try (DirectoryStream<Path> appDirs = Files.newDirectoryStream(apps)) {
            for (Path appDir : appDirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(appDir, "*" + SUFFIX)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        String sha = name.substring(0, name.length() - SUFFIX.length());
                        if (ArtifactDigests.isValid(sha)) {
                            result.add(new StoredFile(appDir.getFileName().toString(), sha,
                                    Files.getLastModifiedTime(file)));
                        }
                    }
                }
            }
        }
        return result;
    }

    /** How many artifacts an app keeps, and their bytes (for its quota). */
    public Usage usage(String app) {
        Path appDir = apps.resolve(app);
        long count = 0;
        long bytes = 0;
        if (!Files.isDirectory(appDir)) {
            return new Usage(0, 0);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(appDir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    bytes += Files.size(file);
                    count++;
                } catch (NoSuchFileException removedMeanwhile) {
                    // the garbage collector took it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Usage(count, bytes);
    }

    /** An app's stored artifacts: how many, how many bytes. */
    public record Usage(long count, long bytes) {
    }

    /** Uploads left in {@code tmp/} by a crash, older than the given time. */
    public List<Path> staleTempFiles(FileTime olderThan) throws IOException {
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).compareTo(olderThan) < 0) {
                    result.add(file);
                }
            }
        }
        return result;
    }

    public record StoredFile(String app, String sha256, FileTime lastUsed) {
    }

    private long readEntries(String app, String sha256) throws IOException {
        Path entriesFile = file(app, sha256).resolveSibling(sha256 + ENTRIES_SUFFIX);
        try {
            return Long.parseLong(Files.readString(entriesFile, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            return -1;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically; keep the artifact directory"
                    + " on one filesystem", e);
        }
    }
}
