package dev.skyport.cli.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream that compresses fixed-size blocks on several threads, as pigz does: each block is
 * deflated on its own, primed with the previous block's last 32 KiB so matches still reach back, and
 * ends with a sync flush; the blocks are written in order as one deflate stream.
 *
 * <p>The output depends only on the input, the level and the block size, never on the number of
 * threads or their timing, so archives stay reproducible. Memory is bounded: at most
 * {@code 2 * threads} blocks are in flight.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Input bytes per block; this is also the buffer between the tar writer and the compressor. */
    public static final int BLOCK_SIZE = 128 * 1024;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block with fixed codes: ends the deflate stream after the sync-flushed blocks. */
    private static final byte[] FINAL_BLOCK = {3, 0};

    private final OutputStream out;
    private final ExecutorService workers;
    private final BlockingQueue<Deflater> deflaters;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final int maxInFlight;
    private final CRC32 crc = new CRC32();

    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] dictionary;
    private long totalIn;
    private boolean closed;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.out = out;
        this.maxInFlight = 2 * threads;
        this.deflaters = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            deflaters.add(new Deflater(level, true));
        }
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "skycli-gzip");
            thread.setDaemon(true);
            return thread;
        });
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(bytes, offset, length);
        totalIn += length;
        while (length > 0) {
            int n = Math.min(length, BLOCK_SIZE - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == BLOCK_SIZE) {
                submitBlock();
            }
        }
    }

    private void submitBlock() throws IOException {
        byte[] input = block;
        int length = filled;
        byte[] primer = dictionary;
        dictionary = Arrays.copyOfRange(input, Math.max(0, length - DICTIONARY_SIZE), length);
        inFlight.addLast(workers.submit(() -> compress(input, length, primer)));
        block = new byte[BLOCK_SIZE];
        filled = 0;
        while (inFlight.size() > maxInFlight) {
            writeOldest();
        }
    }

    private byte[] compress(byte[] input, int length, byte[] primer) throws InterruptedException {
        Deflater deflater = deflaters.take();
        try {
            deflater.reset();
            if (primer != null) {
                deflater.setDictionary(primer);
            }
            deflater.setInput(input, 0, length);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                compressed.write(buffer, 0, n);
            } while (n == buffer.length);
            return compressed.toByteArray();
        } finally {
            deflaters.add(deflater);
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }

    /** Uncompressed bytes written so far. */
    public long bytesIn() {
        return totalIn;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled > 0) {
                submitBlock();
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            out.write(FINAL_BLOCK);
            writeIntLe((int) crc.getValue());
            writeIntLe((int) totalIn);
            out.flush();
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            workers.shutdownNow();
            deflaters.forEach(Deflater::end);
            out.close();
        }
    }

    private void writeIntLe(int value) throws IOException {
        out.write(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}
