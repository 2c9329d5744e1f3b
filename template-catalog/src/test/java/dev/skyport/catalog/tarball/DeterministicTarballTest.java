package dev.skyport.catalog.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

class DeterministicTarballTest {

    private static final Map<String, byte[]> FILES = files(
            "Dockerfile", "FROM node:22-bookworm-slim\n",
            ".skyport/install-dependencies.sh", "npm ci\n",
            ".dockerignore", "node_modules\n");

    @Test
    void sameFilesGiveTheSameBytesWhateverTheOrderTheyComeIn() {
        Map<String, byte[]> reversed = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(FILES.keySet());
        Collections.reverse(paths);
        paths.forEach(path -> reversed.put(path, FILES.get(path)));

        Tarball first = DeterministicTarball.of(FILES);
        Tarball second = DeterministicTarball.of(reversed);

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(first.sha256()).isEqualTo(DeterministicTarball.sha256(first.bytes())).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(first.size()).isEqualTo(first.bytes().length);
    }

    @Test
    void differentContentGivesADifferentDigest() {
        Map<String, byte[]> changed = new LinkedHashMap<>(FILES);
        changed.put("Dockerfile", "FROM node:20-bookworm-slim\n".getBytes(StandardCharsets.UTF_8));

        assertThat(DeterministicTarball.of(changed).sha256()).isNotEqualTo(DeterministicTarball.of(FILES).sha256());
    }

    @Test
    void entriesAreSortedWithFixedTimeOwnerAndMode() throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(DeterministicTarball.of(FILES).bytes())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry);
                contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(entries).extracting(TarArchiveEntry::getName)
                .containsExactly(".dockerignore", ".skyport/install-dependencies.sh", "Dockerfile");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.isFile()).isTrue();
            assertThat(entry.getModTime().toInstant()).isEqualTo(DeterministicTarball.ENTRY_TIME);
            assertThat(entry.getMode()).isEqualTo(0100644);
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEqualTo("root");
            assertThat(entry.getGroupName()).isEqualTo("root");
        });
        assertThat(contents).containsEntry("Dockerfile", "FROM node:22-bookworm-slim\n");
    }

    @Test
    void gzipHeaderCarriesNoTimeAndNoFileName() {
        byte[] bytes = DeterministicTarball.of(FILES).bytes();

        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
        assertThat(bytes[3] & 0x08).as("FNAME flag").isZero();
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]}).as("MTIME").containsOnly(0);
    }

    @Test
    void refusesPathsThatNeedTarExtensions() {
        assertThatThrownBy(() -> DeterministicTarball.of(files(".skyport/" + "x".repeat(100), "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 100");
        assertThatThrownBy(() -> DeterministicTarball.of(files(".skyport/caf\u00e9", "")))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> DeterministicTarball.of(files("../escape", "")))
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> DeterministicTarball.of(files("/etc/passwd", "")))
                .hasMessageContaining("not a relative file path");
    }

    private static Map<String, byte[]> files(String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }
}
