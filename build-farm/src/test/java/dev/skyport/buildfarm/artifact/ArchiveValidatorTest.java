package dev.skyport.buildfarm.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.buildfarm.testing.TestArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveValidatorTest {

    @TempDir
    Path dir;

    private final ArchiveValidator validator = new ArchiveValidator(new ArchiveLimits(1 << 20, 100));

    private ArchiveSummary validate(TestArchive archive) throws IOException {
        Path file = dir.resolve("a.tar.gz");
        Files.write(file, archive.bytes());
        return validator.validate(file);
    }

    private void assertRejected(TestArchive archive, String code, String entry, String messagePart) {
        assertThatThrownBy(() -> validate(archive))
                .isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> {
                    ArchiveRejectedException rejected = (ArchiveRejectedException) e;
                    assertThat(rejected.error().code()).isEqualTo(code);
                    if (entry != null) {
                        assertThat(rejected.error().details()).containsEntry("entry", entry);
                    }
                });
    }

    @Test
    void aNormalContextPasses() throws IOException {
        ArchiveSummary summary = validate(TestArchive.create()
                .directory("src")
                .file("Dockerfile", "FROM busybox:1.36\n")
                .file("./src/app.js", "console.log(1)")
                .symlink("src/current", "app.js")
                .symlink("src/up", "../Dockerfile")
                .hardLink("copy.js", "src/app.js"));
        assertThat(summary.entries()).isEqualTo(6);
    }

    @Test
    void absolutePathsAreRejected() {
        assertRejected(TestArchive.create().file("/etc/passwd", "x"), "artifact_invalid", "/etc/passwd",
                "absolute path");
    }

    @Test
    void dotDotPathsAreRejected() {
        assertRejected(TestArchive.create().file("src/../../escape", "x"), "artifact_invalid", "src/../../escape",
                "contains '..'");
    }

    @Test
    void symlinksEscapingTheRootAreRejected() {
        assertRejected(TestArchive.create().symlink("passwd", "/etc/passwd"), "artifact_invalid", "passwd",
                "absolute path '/etc/passwd'");
        assertRejected(TestArchive.create().symlink("a/b/up", "../../../outside"), "artifact_invalid", "a/b/up",
                "outside the build context");
    }

    @Test
    void entriesBeneathASymlinkAreRejected() {
        // "s" points at the root itself, so "s/t -> .." would resolve one level above it.
        assertRejected(TestArchive.create().symlink("s", ".").symlink("s/t", ".."), "artifact_invalid", "s/t",
                "beneath the symbolic link 's'");
    }

    @Test
    void hardLinksOutsideTheRootAreRejected() {
        assertRejected(TestArchive.create().hardLink("h", "/etc/shadow"), "artifact_invalid", "h", "outside");
        assertRejected(TestArchive.create().hardLink("h", "../x"), "artifact_invalid", "h", "outside");
    }

    @Test
    void devicesAndFifosAreRejected() {
        assertRejected(TestArchive.create().special("dev/null", TarConstants.LF_CHR), "artifact_invalid", "dev/null",
                "device file");
        assertRejected(TestArchive.create().special("dev/sda", TarConstants.LF_BLK), "artifact_invalid", "dev/sda",
                "device file");
        assertRejected(TestArchive.create().special("pipe", TarConstants.LF_FIFO), "artifact_invalid", "pipe",
                "FIFO");
    }

    @Test
    void tooManyEntriesAreRejected() {
        assertRejected(TestArchive.create().emptyFiles("f", 101), "artifact_too_large", null, "more than 100 entries");
    }

    @Test
    void aGzipBombIsStoppedAtTheUncompressedLimit() throws IOException {
        TestArchive bomb = TestArchive.create().zeros("zeros", 64L << 20);
        assertThat(bomb.bytes().length).isLessThan(100_000);
        assertThatThrownBy(() -> validate(bomb))
                .isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("more than 1048576 bytes once uncompressed")
                .satisfies(e -> assertThat(((ArchiveRejectedException) e).error().details())
                        .containsEntry("limit", "uncompressed_size"));
    }

    @Test
    void notGzipOrNotTarIsRejected() throws IOException {
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "just text");
        assertThatThrownBy(() -> validator.validate(plain)).isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("not gzip-compressed");

        Path gzippedText = dir.resolve("text.gz");
        try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
                Files.newOutputStream(gzippedText))) {
            out.write("this is not a tar archive, just gzip-compressed text of some length".repeat(20).getBytes());
        }
        assertThatThrownBy(() -> validator.validate(gzippedText)).isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("not a valid tar archive");
    }
}
