package dev.skyport.images;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} listening on the Docker bridge's gateway address, which containers reach
 * as {@code host.docker.internal}. The dev-services Redis listens on 127.0.0.1 only, which a container's
 * 127.0.0.1 is not. No persistence; stopped (by its own process handle) in {@link #close()}.
 */
final class BridgeRedis implements AutoCloseable {

    private final String address;
    private final int port;
    private final Process process;

    private BridgeRedis(String address, int port, Process process) {
        this.address = address;
        this.port = port;
        this.process = process;
    }

    static BridgeRedis start(String address, Path directory) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder("redis-server", "--bind", address, "--port", String.valueOf(port),
                "--dir", directory.toString(), "--save", "", "--appendonly", "no", "--protected-mode", "no")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        BridgeRedis redis = new BridgeRedis(address, port, process);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(redis::answersPing);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** As the test JVM reaches it. */
    String uri() {
        return "redis://" + address + ":" + port;
    }

    int port() {
        return port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping redis-server", e));
        }
    }
}
