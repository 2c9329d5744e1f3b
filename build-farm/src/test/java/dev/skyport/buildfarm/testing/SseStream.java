package dev.skyport.buildfarm.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events stream read as it comes, for tests of streams that do not end by themselves.
 * Events are read only as the test takes them ({@link #next}; one waits at most), so a test can stop
 * reading and let the server's buffers fill. {@link #close()} drops the connection.
 */
public final class SseStream implements AutoCloseable {

    /** One event; a comment-only event has {@code comment} set and nothing else. */
    public record Event(String id, String event, String data, String comment) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;
    private final BlockingQueue<Event> read = new LinkedBlockingQueue<>(1);

    public SseStream(URI uri, String token, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        // At most one event waits in the queue: while the test takes none, the socket is not read.
        if (response.statusCode() == 200) {
            Thread readerThread = new Thread(this::readAll, "sse-stream-reader");
            readerThread.setDaemon(true);
            readerThread.start();
        }
    }

    private void readAll() {
        try {
            Event event;
            do {
                event = readOne();
                read.put(event);
            } while (event.id() != null || event.event() != null || event.data() != null || event.comment() != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int status() {
        return response.statusCode();
    }

    /** The body of a refused request. */
    public String errorBody() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next event, or null when the stream ended; fails when none comes within {@code atMost}. */
    public Event next(Duration atMost) throws InterruptedException {
        Event event = read.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + atMost);
        }
        return event.event() == null && event.data() == null && event.comment() == null && event.id() == null
                ? null : event;
    }

    /** The next event that is not a comment. */
    public Event nextEvent(Duration atMost) throws InterruptedException {
        Event event;
        do {
            event = next(atMost);
        } while (event != null && event.comment() != null && event.event() == null && event.data() == null);
        return event;
    }

    private Event readOne() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String comment = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null || comment != null) {
                        return new Event(id, event, data == null ? null : data.toString(), comment);
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5);
                    part = part.startsWith(" ") ? part.substring(1) : part;
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
        } catch (IOException e) {
            // the stream broke: it ended
        }
        return new Event(null, null, null, null);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
