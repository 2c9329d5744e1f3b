import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes routes the way the build farm does (HSET skyport:routes:<app>, then PUBLISH the app on
 * skyport:routes:changed) and measures how fast a gateway serves them. JDK only, so the benchmark needs no
 * build of its own: run with {@code java BenchRoutes.java <command> ...}.
 *
 *   seed <redisPort> <app> <count> <target>          count-1 filler routes, then /target last
 *   propagation <redisPort> <app> <gatewayUrl> <updates> <target> [host header]
 */
public class BenchRoutes {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), args[4]);
            case "propagation" -> propagation(Integer.parseInt(args[1]), args[2], args[3],
                    Integer.parseInt(args[4]), args[5], args.length > 6 ? args[6] : null);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void seed(int redisPort, String app, int count, String target) throws IOException {
        try (Resp redis = new Resp(redisPort)) {
            String key = "skyport:routes:" + app;
            redis.call("DEL", key);
            int batch = 1000;
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count - 1; i++) {
                args.add("/filler-" + i + "/v" + (i % 7));
                args.add(value("filler-" + i, "http://127.0.0.1:9"));
                if (args.size() / 2 == batch) {
                    redis.hset(key, args);
                    args.clear();
                }
            }
            if (!args.isEmpty()) {
                redis.hset(key, args);
            }
            redis.hset(key, List.of("/target", value("target", target))); // the last one written
            redis.call("PUBLISH", "skyport:routes:changed", app);
        }
    }

    static void propagation(int redisPort, String app, String gateway, int updates, String target, String host)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> micros = new ArrayList<>();
        try (Resp redis = new Resp(redisPort)) {
            String key = "skyport:routes:" + app;
            for (int i = 0; i < updates; i++) {
                String prefix = "/prop-" + i;
                URI uri = URI.create(gateway + prefix + "/");
                redis.hset(key, List.of(prefix, value("prop-" + i, target)));
                long published = System.nanoTime();
                redis.call("PUBLISH", "skyport:routes:changed", app);
                long deadline = published + Duration.ofSeconds(5).toNanos();
                HttpRequest.Builder request = HttpRequest.newBuilder(uri);
                if (host != null) {
                    request.header("Host", host); // needs -Djdk.httpclient.allowRestrictedHeaders=host
                }
                while (http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(prefix + " not served 5 s after PUBLISH");
                    }
                }
                micros.add((System.nanoTime() - published) / 1000);
            }
            redis.call("DEL", key);
            redis.call("PUBLISH", "skyport:routes:changed", app);
        }
        Collections.sort(micros);
        System.out.printf("propagation over %d updates: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", micros.size(),
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }

    static String value(String service, String target) {
        return "{\"service\":\"" + service + "\",\"target\":\"" + target + "\",\"stripPrefix\":true,"
                + "\"deploymentId\":\"bench\",\"updatedAt\":\"" + Instant.now() + "\"}";
    }

    /** Just enough of the Redis protocol to send commands and read one reply each. */
    static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Resp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void hset(String key, List<String> fieldsAndValues) throws IOException {
            List<String> args = new ArrayList<>(List.of("HSET", key));
            args.addAll(fieldsAndValues);
            call(args.toArray(String[]::new));
        }

        String call(String... args) throws IOException {
            StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = readLine();
            if (line.startsWith("-")) {
                throw new IOException("redis: " + line);
            }
            return line;
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("redis closed the connection");
                }
                sb.append((char) c);
            }
            in.read(); // '\n'
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
