package dev.skyport.buildfarm.runtime.kubernetes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the bytes of a log response into UTF-8 lines as they arrive. Lines are cut at bytes, so a character
 * split between two chunks stays whole; a line without a break longer than {@link #MAX_LINE} bytes is
 * cut there, so a container that never writes a newline cannot make the buffer grow without end.
 */
final class LogLineSplitter {

    static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> lines;
    private byte[] pending = new byte[512];
    private int length;

    LogLineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    void add(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (b == '\n') {
                emit();
                continue;
            }
            if (length == pending.length) {
                pending = Arrays.copyOf(pending, Math.min(pending.length * 2, MAX_LINE));
            }
            pending[length++] = b;
            if (length == MAX_LINE) {
                emit();
            }
        }
    }

    /** The response ended: a last line without a break is still a line. */
    void flush() {
        if (length > 0) {
            emit();
        }
    }

    private void emit() {
        int end = length > 0 && pending[length - 1] == '\r' ? length - 1 : length;
        String line = new String(pending, 0, end, StandardCharsets.UTF_8);
        length = 0;
        lines.accept(line);
    }
}
