package dev.skyport.buildfarm.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.skyport.buildfarm.artifact.BadArchiveCorpus.BadArchive;
import dev.skyport.buildfarm.testing.TestArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveValidatorTest {

    @TempDir
    Path dir;

    private final ArchiveValidator validator = new ArchiveValidator(new ArchiveLimits(
            BadArchiveCorpus.MAX_UNCOMPRESSED, 100, BadArchiveCorpus.MAX_ENTRIES));

    private ArchiveSummary validate(ArchiveValidator with, byte[] archive) throws IOException {
        Path file = dir.resolve("a.tar.gz");
        Files.write(file, archive);
        return with.validate(file);
    }

    private ArchiveSummary validate(TestArchive archive) throws IOException {
        return validate(validator, archive.bytes());
    }

    private ArchiveRejectedException rejection(ArchiveValidator with, byte[] archive) {
        try {
            ArchiveSummary summary = validate(with, archive);
            throw new AssertionError("accepted: " + summary);
        } catch (ArchiveRejectedException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("failed with an IOException instead of a rejection", e);
        }
    }

    @Test
    void aNormalContextPasses() throws IOException {
        ArchiveSummary summary = validate(TestArchive.create()
                .directory(".")
                .directory("src")
                .file("Dockerfile", "FROM busybox:1.36\n")
                .file("./src/app.js", "console.log(1)")
                .symlink("src/current", "app.js")
                .symlink("src/up", "../Dockerfile")
                .hardLink("copy.js", "src/app.js"));
        assertThat(summary.entries()).isEqualTo(7);
    }

    @Test
    void linksThatStayInsideThroughOtherLinksPass() throws IOException {
        ArchiveSummary summary = validate(TestArchive.create()
                .directory("a/b/c")
                .symlink("here", ".")
                .symlink("also-here", "here/here/.")
                .symlink("deep", "a/b/c")
                .symlink("middle", "deep/..")
                .symlink("a/b/c/top", "../../..")
                .symlink("dangling", "a/not-yet/file")
                .symlink("later", "defined-later/x")
                .directory("defined-later")
                .file("lib/x.js", "x")
                .directory("lib"));
        assertThat(summary.entries()).isEqualTo(11);
    }

    @Test
    void theReviewedArchiveIsRefused() {
        // s -> . and t -> s/..: both look inside when read as paths; t resolves to the root's parent.
        ArchiveRejectedException e = rejection(validator, TestArchive.create().symlink("s", ".").symlink("t", "s/..")
                .bytes());
        assertThat(e.problem()).isEqualTo(ArchiveProblem.LINK_ESCAPES);
        assertThat(e.error().details()).containsEntry("entry", "t");
        assertThat(e.getMessage()).contains("through s -> .");
    }

    @Test
    void everyArchiveOfTheCorpusIsRefusedForItsOwnReason() {
        List<BadArchive> corpus = BadArchiveCorpus.all();
        List<String> wrong = new ArrayList<>();
        for (BadArchive bad : corpus) {
            ArchiveRejectedException e;
            try {
                e = rejection(validator, bad.bytes());
            } catch (AssertionError accepted) {
                wrong.add(bad + ": " + accepted.getMessage());
                continue;
            }
            Object entry = e.error().details().get("entry");
            if (e.problem() != bad.problem() || !java.util.Objects.equals(entry, bad.entry())
                    || !explainsWhatAndHow(e.getMessage(), bad.entry())) {
                wrong.add(bad + ": got " + e.error().code() + " entry=" + entry + " '" + e.getMessage() + "'");
            }
        }
        System.out.println("ArchiveValidatorTest: " + corpus.size() + " bad archives tried, "
                + (corpus.size() - wrong.size()) + " refused for the expected reason");
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCorpusTriesEveryProblem() {
        Set<ArchiveProblem> tried = BadArchiveCorpus.all().stream().map(BadArchive::problem)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ArchiveProblem.class)));
        // The ratio needs other limits than the corpus: see aGzipBombIsStoppedByTheRatioLongBeforeTheCap.
        tried.add(ArchiveProblem.COMPRESSION_RATIO_TOO_HIGH);
        assertThat(tried).containsExactlyInAnyOrder(ArchiveProblem.values());
    }

    @Test
    void aGzipBombIsStoppedAtTheUncompressedCap() {
        TestArchive bomb = TestArchive.create().zeros("zeros", 64L << 20);
        byte[] bytes = bomb.bytes();
        assertThat(bytes.length).isLessThan(100_000);
        ArchiveRejectedException e = rejection(validator, bytes);
        assertThat(e.problem()).isEqualTo(ArchiveProblem.UNCOMPRESSED_TOO_LARGE);
        assertThat(e.getMessage()).contains("more than 1048576 bytes once uncompressed");
        assertThat(e.error().details()).containsEntry("limit", "uncompressed_size").containsEntry("max", 1048576L);
    }

    @Test
    void aGzipBombIsStoppedByTheRatioLongBeforeTheCap() {
        ArchiveValidator ratioTen = new ArchiveValidator(new ArchiveLimits(1L << 30, 10, 100));
        byte[] bomb = TestArchive.create().zeros("zeros", 64L << 20).bytes();
        ArchiveRejectedException e = rejection(ratioTen, bomb);
        assertThat(e.problem()).isEqualTo(ArchiveProblem.COMPRESSION_RATIO_TOO_HIGH);
        assertThat(e.error().details()).containsEntry("limit", "compression_ratio").containsEntry("max", 10L);
        assertThat(e.getMessage()).contains("over 10 times its " + bomb.length + " bytes");
    }

    @Test
    void smallArchivesMayInflateWithinTheAllowanceWhateverTheirRatio() throws IOException {
        ArchiveValidator ratioTen = new ArchiveValidator(new ArchiveLimits(1L << 30, 10, 100));
        long size = ArchiveLimits.RATIO_ALLOWANCE_BYTES - (64 << 10);
        ArchiveSummary summary = validate(ratioTen, TestArchive.create().zeros("zeros", size).bytes());
        assertThat(summary.uncompressedBytes()).isGreaterThan(size);
    }

    @Test
    void theDefaultLimitsStopAnEightMegabyteBombBelowOneGigabyte() {
        ArchiveLimits defaults = new ArchiveLimits(2L << 30, 100, 100_000);
        // gzip reaches about 1000:1 on zeros, so 8 MB used to unpack to the old 8 GB cap.
        assertThat(Math.min(defaults.maxUncompressedBytes(), defaults.ratioLimitFor(8L << 20)))
                .isEqualTo((800L << 20) + ArchiveLimits.RATIO_ALLOWANCE_BYTES);
        assertThat(defaults.ratioLimitFor(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aChainOfFortyLinksResolvesAndFortyOneIsALoop() throws IOException {
        assertThat(validate(chain(ArchiveTree.MAX_LINK_HOPS)).entries()).isEqualTo(ArchiveTree.MAX_LINK_HOPS + 1);
        ArchiveRejectedException e = rejection(validator, chain(ArchiveTree.MAX_LINK_HOPS + 1).bytes());
        assertThat(e.problem()).isEqualTo(ArchiveProblem.LINK_LOOP);
    }

    @Test
    void namesAndTargetsAtTheLimitsPass() throws IOException {
        String name = "n".repeat(PathLengthLimits.MAX_SEGMENT_BYTES);
        String deep = "m/" + (name + "/").repeat(15) + "n".repeat(254);
        assertThat(deep).hasSize(PathLengthLimits.MAX_PATH_BYTES);
        ArchiveSummary summary = validate(TestArchive.create().file(deep, "x").symlink("s", deep));
        assertThat(summary.entries()).isEqualTo(2);
    }

    @Test
    void linksOfThousandsOfShortSegmentsAreValidatedQuickly() {
        // 4,000 bytes: inside the limits, yet joining the whole path per segment made each link cost
        // millions of character copies, twice (as added, and in the whole-tree pass).
        String target = "a/".repeat(2_000);
        int links = 500;
        TestArchive archive = TestArchive.create();
        for (int i = 0; i < links; i++) {
            archive.paxHeader("linkpath", target).symlink("l" + i, "placeholder");
        }
        byte[] bytes = archive.bytes();
        ArchiveValidator roomy = new ArchiveValidator(new ArchiveLimits(1L << 30, 100, links));
        ArchiveSummary summary = assertTimeout(Duration.ofSeconds(3), () -> validate(roomy, bytes));
        assertThat(summary.entries()).isEqualTo(links);
    }

    /** {@code l0 -> l1 -> ... -> target}: resolving l0 follows {@code links} links. */
    private static TestArchive chain(int links) {
        TestArchive archive = TestArchive.create().file("target", "t");
        for (int i = links - 1; i >= 0; i--) {
            archive.symlink("l" + i, i == links - 1 ? "target" : "l" + (i + 1));
        }
        return archive;
    }

    /** The message names the entry and, after a semicolon, says what to do. */
    private static boolean explainsWhatAndHow(String message, String entry) {
        return (entry == null || message.contains("'" + entry + "'")) && message.contains("; ");
    }
}
