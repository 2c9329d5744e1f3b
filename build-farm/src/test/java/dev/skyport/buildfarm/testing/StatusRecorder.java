package dev.skyport.buildfarm.testing;

import static org.awaitility.Awaitility.await;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.MicroserviceStatus;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Records every status change the build farm writes, by watching its private Redis with {@code MONITOR}:
 * each {@code SET} of a microservice or deployment record is compared with the previous value of the same
 * key. Nothing in the build farm is changed or wrapped, and no change is missed, however fast (a poll of
 * the API would miss {@code built}, which lasts milliseconds). A record deleted (microservice delete,
 * retention) starts over.
 */
public final class StatusRecorder implements AutoCloseable {

    private static final String MICROSERVICE_KEY = "skyport:microservice:";
    private static final String DEPLOYMENT_KEY = "skyport:deployment:";

    /** What a record is. */
    public enum Kind { MICROSERVICE, DEPLOYMENT }

    /**
     * One status write. {@code from} is null for a record's first write; {@code from == to} is a new
     * message in the same status.
     *
     * @param subject {@code <app>/<name>} of a microservice, or the deployment id
     */
    public record Change(Kind kind, String app, String subject, String from, String to, String message) {

        public boolean isTransition() {
            return from != null && !from.equals(to);
        }

        public String pair() {
            return from + " -> " + to;
        }
    }

    private final Socket monitor;
    private final URI redis;
    private final String endMarker = "skyport-recorder-" + UUID.randomUUID();
    private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Set<String> seenMarkers = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;

    private StatusRecorder(URI redis) throws IOException {
        this.redis = redis;
        this.monitor = new Socket(InetAddress.getLoopbackAddress(), redis.getPort());
        OutputStream out = monitor.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(monitor.getInputStream());
        String ok = readLine(in);
        if (!"+OK".equals(ok)) {
            monitor.close();
            throw new IllegalStateException("MONITOR answered " + ok);
        }
        reader = new Thread(() -> read(in), "status-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts recording the farm's Redis; every write from now on is seen. */
    public static StatusRecorder of(TestBuildFarm farm) {
        try {
            return new StatusRecorder(URI.create(farm.redisUri()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every write made before this call has been read. */
    public StatusRecorder sync() {
        String marker = endMarker + "-" + UUID.randomUUID();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            readLine(in);
            readLine(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> seenMarkers.contains(marker) || failure != null);
        if (failure != null) {
            throw new IllegalStateException("the recorder failed", failure);
        }
        return this;
    }

    /** Every status write seen so far, in order. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    public List<Change> changes(Predicate<Change> filter) {
        return changes.stream().filter(filter).toList();
    }

    /** The statuses one record went through, in order (repeats of the same status left out). */
    public List<String> statusesOf(Kind kind, String subject) {
        return statusesOf(changes, kind, subject);
    }

    /** As {@link #statusesOf(Kind, String)}, over changes recorded earlier. */
    public static List<String> statusesOf(List<Change> changes, Kind kind, String subject) {
        List<String> statuses = new ArrayList<>();
        for (Change change : changes) {
            if (change.kind() == kind && change.subject().equals(subject)
                    && (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(change.to()))) {
                statuses.add(change.to());
            }
        }
        return statuses;
    }

    @Override
    public void close() {
        closed = true;
        try {
            monitor.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void read(InputStream in) {
        try {
            while (!closed) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                if (line.startsWith("+")) {
                    handle(line.substring(1));
                }
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** {@code 1700000000.123456 [0 127.0.0.1:5555] "SET" "key" "value"}. */
    private void handle(String line) {
        int start = line.indexOf("] ");
        if (start < 0) {
            return;
        }
        List<String> args = arguments(line.substring(start + 2));
        if (args.isEmpty()) {
            return;
        }
        String command = args.get(0).toUpperCase();
        if (command.equals("ECHO") && args.size() == 2 && args.get(1).startsWith(endMarker)) {
            seenMarkers.add(args.get(1));
        } else if (command.equals("SET") && args.size() >= 3) {
            written(args.get(1), args.get(2));
        } else if ((command.equals("DEL") || command.equals("UNLINK"))) {
            args.subList(1, args.size()).forEach(lastStatus::remove);
        }
    }

    private void written(String key, String value) {
        Kind kind;
        if (key.startsWith(MICROSERVICE_KEY)) {
            kind = Kind.MICROSERVICE;
        } else if (key.startsWith(DEPLOYMENT_KEY)) {
            kind = Kind.DEPLOYMENT;
        } else {
            return;
        }
        JsonNode json = BuildFarmClient.JSON.readTree(value);
        JsonNode record = kind == Kind.MICROSERVICE ? json : json.get("deployment");
        String app = record.get("app").asString();
        String subject = kind == Kind.MICROSERVICE ? app + "/" + record.get("name").asString()
                : record.get("id").asString();
        String status = record.get("status").asString();
        // Fails here on a status the API does not know.
        if (kind == Kind.MICROSERVICE) {
            MicroserviceStatus.fromWireName(status);
        } else {
            DeploymentStatus.fromWireName(status);
        }
        String previous = lastStatus.put(key, status);
        changes.add(new Change(kind, app, subject, previous, status, record.get("message").asString()));
    }

    /** The quoted arguments of a MONITOR line, unescaped as Redis escapes them ({@code sdscatrepr}). */
    static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '"') {
                i++;
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            i++;
            while (i < text.length() && text.charAt(i) != '"') {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(i + 1);
                    switch (next) {
                        case 'n' -> bytes.write('\n');
                        case 'r' -> bytes.write('\r');
                        case 't' -> bytes.write('\t');
                        case 'a' -> bytes.write(7);
                        case 'b' -> bytes.write('\b');
                        case 'x' -> {
                            bytes.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                            i += 2;
                        }
                        default -> bytes.write(next);
                    }
                    i += 2;
                } else {
                    bytes.write(c);
                    i++;
                }
            }
            i++;
            args.add(bytes.toString(StandardCharsets.UTF_8));
        }
        return args;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return line.toString(StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                if (next == -1) {
                    break;
                }
                line.write(next);
            } else {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
