package dev.skyport.buildfarm.artifact;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks a failure of the gzip layer as such, so that the validator can tell a broken gzip stream
 * from a broken tar inside a sound one, whatever the tar reader does with the exception.
 */
final class GzipLayerException extends IOException {

    GzipLayerException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** True when the gzip stream ended before its end: the file was cut short. */
    boolean endedEarly() {
        return getCause() instanceof EOFException;
    }

    /** The stream of decompressed bytes, its failures tagged. */
    static InputStream tagging(InputStream gunzip) {
        return new FilterInputStream(gunzip) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new GzipLayerException(e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw new GzipLayerException(e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                try {
                    return super.skip(n);
                } catch (IOException e) {
                    throw new GzipLayerException(e);
                }
            }
        };
    }
}
