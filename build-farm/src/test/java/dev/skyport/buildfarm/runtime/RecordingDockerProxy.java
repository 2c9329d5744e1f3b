package dev.skyport.buildfarm.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unix-socket proxy in front of the Docker Engine that records every byte the client sends, so a
 * test can read the exact requests (and headers) docker-java made.
 */
public final class RecordingDockerProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("(GET|POST|PUT|DELETE|HEAD) (/\\S*) HTTP/1\\.1\r\n");

    private final Path upstream;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    public RecordingDockerProxy(Path upstream, Path socket) throws IOException {
        this.upstream = upstream;
        this.socket = socket;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::acceptLoop, "docker-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String dockerHost() {
        return "unix://" + socket;
    }

    /** One request as the client sent it: the request line's method and path, and the header block. */
    public record Request(String method, String path, String head) {

        public boolean hasHeader(String name) {
            return head.toLowerCase(java.util.Locale.ROOT).contains("\r\n" + name.toLowerCase(java.util.Locale.ROOT)
                    + ":");
        }
    }

    public List<Request> requests() {
        String text;
        synchronized (recorded) {
            text = recorded.toString(StandardCharsets.ISO_8859_1);
        }
        List<Request> result = new ArrayList<>();
        Matcher matcher = REQUEST_LINE.matcher(text);
        while (matcher.find()) {
            int end = text.indexOf("\r\n\r\n", matcher.start());
            result.add(new Request(matcher.group(1), matcher.group(2),
                    text.substring(matcher.start(), end < 0 ? text.length() : end + 2)));
        }
        return result;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                pump(client, engine, true);
                pump(engine, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, boolean record) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    if (record) {
                        synchronized (recorded) {
                            recorded.write(buffer.array(), 0, buffer.limit());
                        }
                    }
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "docker-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
