package dev.skyport.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.cli.context.ContextLayer;
import dev.skyport.cli.context.ContextWalker;
import dev.skyport.cli.ignore.IgnoreRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchiverTest {

    @TempDir
    Path dir;
    Path context;

    @BeforeEach
    void createContext() throws IOException {
        context = dir.resolve("context");
        Files.createDirectories(context.resolve("bin"));
        Files.createDirectories(context.resolve("node_modules/x"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve(".dockerignore"), "node_modules\nDockerfile\n");
        Files.writeString(context.resolve("node_modules/x/index.js"), "x");
        Files.writeString(context.resolve("bin/run"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(context.resolve("bin/run"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(context.resolve("readme.txt"), "hello\n");
        Files.setPosixFilePermissions(context.resolve("readme.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(context.resolve("latest"), Path.of("bin/run"));
        Files.writeString(context.resolve("d".repeat(120) + ".txt"), "long name");
    }

    @Test
    void writesSortedEntriesWithFixedTimesOwnersAndModes() throws IOException {
        ArchiveResult result = ContextArchiver.withDefaults().write(walker(), dir.resolve("out.tar.gz"));

        List<TarArchiveEntry> entries = read(result.file());
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(".dockerignore", "Dockerfile",
                "bin/", "bin/run", "d".repeat(120) + ".txt", "latest", "readme.txt");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getModTime().getTime()).isZero();
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getUserName()).isEqualTo("root");
            assertThat(e.getGroupName()).isEqualTo("root");
        });
        assertThat(entry(entries, "bin/").getMode()).isEqualTo(040755);
        assertThat(entry(entries, "bin/run").getMode()).isEqualTo(0100755);
        assertThat(entry(entries, "readme.txt").getMode()).isEqualTo(0100644);
        assertThat(entry(entries, "latest").isSymbolicLink()).isTrue();
        assertThat(entry(entries, "latest").getLinkName()).isEqualTo("bin/run");
        assertThat(result.entries()).isEqualTo(7);
        assertThat(result.files()).isEqualTo(5);
    }

    @Test
    void namesTheArchiveByTheSha256OfItsBytes() throws Exception {
        ArchiveResult result = ContextArchiver.withDefaults().write(walker(), dir.resolve("out.tar.gz"));

        byte[] bytes = Files.readAllBytes(result.file());
        assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(result.size()).isEqualTo(bytes.length);
    }

    @Test
    void isReproducibleWhateverTheTimesAndThreads() throws IOException {
        ArchiveResult first = new ContextArchiver(6, 1).write(walker(), dir.resolve("a.tar.gz"));
        Files.setLastModifiedTime(context.resolve("readme.txt"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(context.resolve("bin"), FileTime.fromMillis(2_000_000));

        ArchiveResult second = new ContextArchiver(6, 4).write(walker(), dir.resolve("b.tar.gz"));

        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void leavesNothingBehindWhenWritingFails() throws IOException {
        Files.createSymbolicLink(context.resolve("escape"), Path.of("../../etc/passwd"));
        Path target = dir.resolve("out").resolve("failed.tar.gz");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextArchiver.withDefaults().write(walker(), target))
                .hasMessageContaining("symlink 'escape'");

        try (var files = Files.list(target.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    private ContextWalker walker() throws IOException {
        return new ContextWalker(null, ContextLayer.of(context),
                IgnoreRules.read(context.resolve(".dockerignore"), ".dockerignore"), Set.of("Dockerfile", ".dockerignore"));
    }

    private static List<TarArchiveEntry> read(Path archive) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static TarArchiveEntry entry(List<TarArchiveEntry> entries, String name) {
        return entries.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
