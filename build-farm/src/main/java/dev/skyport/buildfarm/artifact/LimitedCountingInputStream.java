package dev.skyport.buildfarm.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes that come out of the gunzip stream, skipped ones included, and stops as soon as
 * they pass the limit: a gzip bomb is refused after reading just past the limit, never inflated whole.
 */
final class LimitedCountingInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<ArchiveRejectedException> overLimit;
    private long count;

    LimitedCountingInputStream(InputStream in, long limit, Supplier<ArchiveRejectedException> overLimit) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw overLimit.get();
        }
    }
}
