package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The pieces of a pod's log stream that need no API server: the kubelet's line format, line cutting, resuming. */
class InstanceLogPartsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void aKubeletLineGivesItsTimeAndTheTextAfterTheFirstSpace() {
        assertThat(KubeletLogLine.parse("2026-03-01T10:00:00.123456789Z GET /health  200", Instant.EPOCH))
                .isEqualTo(new KubeletLogLine(T, "GET /health  200"));
        assertThat(KubeletLogLine.parse("2026-03-01T10:00:00Z ", Instant.EPOCH))
                .isEqualTo(new KubeletLogLine(Instant.parse("2026-03-01T10:00:00Z"), ""));
        assertThat(KubeletLogLine.parse("2026-03-01T11:00:00.5+01:00 x", Instant.EPOCH).time())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00.5Z"));
        assertThat(KubeletLogLine.parse("no timestamp here", T)).isEqualTo(new KubeletLogLine(T, "no timestamp here"));
    }

    @Test
    void bytesBecomeLinesEvenWhenACharacterOrALineBreakIsSplitBetweenChunks() {
        List<String> lines = new ArrayList<>();
        LogLineSplitter splitter = new LogLineSplitter(lines::add);
        byte[] bytes = "café ok\r\nsecond\nlast without break".getBytes(StandardCharsets.UTF_8);
        int cut = "caf".length() + 1; // inside the two bytes of é
        splitter.add(ByteBuffer.wrap(bytes, 0, cut));
        splitter.add(ByteBuffer.wrap(bytes, cut, 5));
        splitter.add(ByteBuffer.wrap(bytes, cut + 5, bytes.length - cut - 5));
        assertThat(lines).containsExactly("café ok", "second");
        splitter.flush();
        assertThat(lines).containsExactly("café ok", "second", "last without break");
    }

    @Test
    void aLineWithoutABreakIsCutAtTheLimit() {
        List<String> lines = new ArrayList<>();
        LogLineSplitter splitter = new LogLineSplitter(lines::add);
        splitter.add(ByteBuffer.wrap("x".repeat(LogLineSplitter.MAX_LINE + 3).getBytes(StandardCharsets.UTF_8)));
        splitter.flush();
        assertThat(lines).extracting(String::length).containsExactly(LogLineSplitter.MAX_LINE, 3);
    }

    @Test
    void aResumedStreamSkipsWhatWasSentByTimeAndText() {
        ResumePoint resume = new ResumePoint(null);
        assertThat(resume.last()).isNull();
        resume.sent(new KubeletLogLine(T, "a"));
        resume.sent(new KubeletLogLine(T.plusMillis(1), "b"));
        resume.sent(new KubeletLogLine(T.plusMillis(1), "b"));
        assertThat(resume.last()).isEqualTo(T.plusMillis(1));

        Predicate<KubeletLogLine> unsent = resume.unsent();
        assertThat(unsent.test(new KubeletLogLine(T, "a"))).as("earlier in the same second").isFalse();
        assertThat(unsent.test(new KubeletLogLine(T.plusMillis(1), "b"))).isFalse();
        assertThat(unsent.test(new KubeletLogLine(T.plusMillis(1), "b"))).as("sent twice, skipped twice").isFalse();
        assertThat(unsent.test(new KubeletLogLine(T.plusMillis(1), "b"))).as("a third one was not sent").isTrue();
        assertThat(unsent.test(new KubeletLogLine(T.plusMillis(1), "c"))).as("same time, other text").isTrue();
        assertThat(unsent.test(new KubeletLogLine(T.plusMillis(2), "a"))).isTrue();
    }

    @Test
    void linesBeforeTheQuerysSinceAreNeverSent() {
        Predicate<KubeletLogLine> unsent = new ResumePoint(T).unsent();
        assertThat(unsent.test(new KubeletLogLine(T.minusNanos(1), "x"))).isFalse();
        assertThat(unsent.test(new KubeletLogLine(T, "x"))).isTrue();
    }

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(backoff.after(backoff.first())).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(Duration.ofSeconds(4))).isEqualTo(backoff.max());
        assertThat(backoff.after(backoff.max())).isEqualTo(backoff.max());
    }

    @Test
    void theRequestAsksForTimestampsOfTheAppContainer() {
        assertThat(new PodLogRequest("web-1", true, T, 5).uri("https://api:6443/", "skyport-apps")).hasToString(
                "https://api:6443/api/v1/namespaces/skyport-apps/pods/web-1/log?container=app&timestamps=true"
                        + "&follow=true&sinceTime=2026-03-01T10%3A00%3A00.123456789Z&tailLines=5");
        assertThat(new PodLogRequest("web-1", false, null, null).uri("https://api:6443", "apps")).hasToString(
                "https://api:6443/api/v1/namespaces/apps/pods/web-1/log?container=app&timestamps=true");
    }
}
