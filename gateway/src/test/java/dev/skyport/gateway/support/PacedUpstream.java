package dev.skyport.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP upstream on 127.0.0.1 with slow behaviours, to exercise the gateway's timeouts:
 * <ul>
 *   <li>{@code /upload}: reads the whole body, then answers {@code bytes=<n>};</li>
 *   <li>{@code /upload-then-hang}: reads the whole body and never answers (until {@link #close()});</li>
 *   <li>{@code /stream/<chunks>/<millis>}: a chunked {@code text/event-stream} response, one event every
 *       {@code millis} ms;</li>
 *   <li>{@code /stall}: sends the headers and one event, then nothing (until {@link #close()}).</li>
 * </ul>
 * The pauses are what the upstream is meant to do (a slow service), not test synchronisation.
 */
public final class PacedUpstream implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    private PacedUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static PacedUpstream start() {
        try {
            return new PacedUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/upload")) {
                long bytes = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                answer(exchange, "bytes=" + bytes);
            } else if (path.equals("/upload-then-hang")) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                release.await(60, TimeUnit.SECONDS);
            } else if (path.startsWith("/stream/")) {
                String[] spec = path.split("/");
                stream(exchange, Integer.parseInt(spec[2]), Long.parseLong(spec[3]));
            } else if (path.equals("/stall")) {
                OutputStream body = startEvents(exchange);
                event(body, 0);
                release.await(60, TimeUnit.SECONDS);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stream(HttpExchange exchange, int chunks, long everyMillis)
            throws IOException, InterruptedException {
        OutputStream body = startEvents(exchange);
        for (int i = 0; i < chunks; i++) {
            if (i > 0) {
                Thread.sleep(everyMillis); // the pace of the simulated stream
            }
            event(body, i);
        }
    }

    private static OutputStream startEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        return exchange.getResponseBody();
    }

    private static void event(OutputStream body, int n) throws IOException {
        body.write(("data: " + n + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
