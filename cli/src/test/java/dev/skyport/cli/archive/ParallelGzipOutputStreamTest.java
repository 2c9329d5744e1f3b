package dev.skyport.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {

    @Test
    void producesOneGzipStreamThatDecompressesToTheInput() throws IOException {
        byte[] input = mixedData(5 * ParallelGzipOutputStream.BLOCK_SIZE + 12345);

        byte[] gz = compress(input, 6, 3);

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(input);
        }
    }

    @Test
    void isTheSameWhateverTheNumberOfThreads() throws IOException {
        byte[] input = mixedData(3 * ParallelGzipOutputStream.BLOCK_SIZE + 7);

        byte[] one = compress(input, 6, 1);

        assertThat(compress(input, 6, 2)).isEqualTo(one);
        assertThat(compress(input, 6, 8)).isEqualTo(one);
    }

    @Test
    void compressesAsWellAsPlainGzip() throws IOException {
        byte[] input = mixedData(4 * ParallelGzipOutputStream.BLOCK_SIZE);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(plain)) {
            gzip.write(input);
        }

        assertThat((double) compress(input, 6, 2).length).isLessThan(plain.size() * 1.01);
    }

    @Test
    void gnuGzipAcceptsItIncludingAnEmptyStream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.gz");
        Files.write(file, compress(mixedData(ParallelGzipOutputStream.BLOCK_SIZE * 2 + 1), 6, 2));
        Path empty = dir.resolve("empty.gz");
        Files.write(empty, compress(new byte[0], 6, 2));

        Process gzip = new ProcessBuilder("gzip", "-t", file.toString(), empty.toString()).redirectErrorStream(true)
                .start();
        String out = new String(gzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gzip.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gzip.exitValue()).as(out).isZero();
    }

    static byte[] compress(byte[] input, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, level, threads)) {
            // uneven writes cross block boundaries at odd places
            int offset = 0;
            int step = 1;
            while (offset < input.length) {
                int n = Math.min(step, input.length - offset);
                gzip.write(input, offset, n);
                offset += n;
                step = step * 3 % 100_003 + 1;
            }
        }
        return out.toByteArray();
    }

    /** Text that compresses, random bytes that do not, and a long run that references across blocks. */
    static byte[] mixedData(int size) {
        byte[] data = new byte[size];
        Random random = new Random(42);
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(40).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            int region = i / 50_000 % 3;
            data[i] = switch (region) {
                case 0 -> text[i % text.length];
                case 1 -> (byte) random.nextInt();
                default -> (byte) (i % 7);
            };
        }
        return data;
    }
}
