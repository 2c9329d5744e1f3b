package dev.skyport.buildfarm.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * An upload being written: every chunk goes to the file and into the SHA-256 as it arrives, and the
 * byte count is checked against the announced length and the size limit on the way, so nothing is
 * ever held in memory beyond one chunk.
 */
final class UploadFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final long expectedLength;
    private long written;

    UploadFile(Path path, long expectedLength) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.expectedLength = expectedLength;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path path() {
        return path;
    }

    long written() {
        return written;
    }

    long expectedLength() {
        return expectedLength;
    }

    void write(DataBuffer chunk) throws IOException {
        int readable = chunk.readableByteCount();
        if (written + readable > expectedLength) {
            throw new IOException("the body is longer than its Content-Length " + expectedLength);
        }
        try (DataBuffer.ByteBufferIterator buffers = chunk.readableByteBuffers()) {
            while (buffers.hasNext()) {
                ByteBuffer buffer = buffers.next();
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        written += readable;
    }

    /** Flushes and closes; returns the hex SHA-256 of everything written. */
    String finish() throws IOException {
        channel.force(false);
        channel.close();
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
    }
}
