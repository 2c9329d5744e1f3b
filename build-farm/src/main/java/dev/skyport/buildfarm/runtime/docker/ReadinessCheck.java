package dev.skyport.buildfarm.runtime.docker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One readiness probe of an instance through its published port: TCP, or HTTP GET on the health
 * check path expecting 2xx/3xx (as Kubernetes probes do).
 *
 * <p>The TCP check cannot stop at "connected": Docker's userland proxy accepts on the published port
 * even when nothing listens in the container, then closes the connection. So the check connects and
 * waits briefly: a connection the peer closes at once is not ready; one held open (or that sends a
 * banner) is.
 */
sealed interface ReadinessCheck permits ReadinessCheck.Tcp, ReadinessCheck.Http {

    Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    Duration HOLD = Duration.ofMillis(300);

    /** Null when ready, else why not. */
    String probe(String host, int port);

    /** How the log names it: {@code TCP on port 8080}. */
    String describe(int containerPort);

    static ReadinessCheck of(String healthCheckPath) {
        return healthCheckPath == null || healthCheckPath.isBlank() ? new Tcp() : new Http(healthCheckPath);
    }

    record Tcp() implements ReadinessCheck {
        @Override
        public String probe(String host, int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
                socket.setSoTimeout((int) HOLD.toMillis());
                InputStream in = socket.getInputStream();
                return in.read() < 0 ? "the connection was closed at once (nothing listens in the container yet)"
                        : null;
            } catch (SocketTimeoutException heldOpen) {
                return null;
            } catch (IOException e) {
                return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }

        @Override
        public String describe(int containerPort) {
            return "TCP on port " + containerPort;
        }
    }

    record Http(String path) implements ReadinessCheck {

        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        @Override
        public String probe(String host, int port) {
            String p = path.startsWith("/") ? path : "/" + path;
            try {
                HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + host + ":"
                                + port + p)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                return status >= 200 && status < 400 ? null : "GET " + p + " answered " + status;
            } catch (IOException e) {
                return "GET " + p + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Override
        public String describe(int containerPort) {
            return "HTTP GET " + path + " on port " + containerPort;
        }
    }
}
