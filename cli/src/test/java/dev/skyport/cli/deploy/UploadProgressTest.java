package dev.skyport.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadProgressTest {

    final AtomicLong nanos = new AtomicLong();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void printsPlainLinesEveryTwoSecondsWithoutATerminal() {
        UploadProgress progress = new UploadProgress(out, false, "api", 10_000_000, nanos::get);

        at(1.0, progress, 1_000_000);
        at(2.5, progress, 2_500_000);
        at(3.0, progress, 3_000_000);
        at(5.0, progress, 5_000_000);
        nanos.set(10_000_000_000L);
        progress.finish(10_000_000);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                api: uploading 25%  2.5 MB / 10 MB  1.0 MB/s  ETA 8s
                api: uploading 50%  5.0 MB / 10 MB  1.0 MB/s  ETA 5s
                api: uploaded 10 MB in 10.0s (1.0 MB/s)
                """);
    }

    @Test
    void redrawsABarOnATerminal() {
        UploadProgress progress = new UploadProgress(out, true, "api", 1_000_000, nanos::get);

        at(0.5, progress, 500_000);
        nanos.set(1_000_000_000L);
        progress.finish(1_000_000);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\rapi: [===============>              ] 50%  500 kB / 1.0 MB  1.0 MB/s  ETA 1s")
                .contains("\rapi: uploaded 1.0 MB in 1.0s (1.0 MB/s)").endsWith("\n");
    }

    private void at(double seconds, UploadProgress progress, long sent) {
        nanos.set((long) (seconds * 1e9));
        progress.update(sent);
    }
}
