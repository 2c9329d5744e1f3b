package dev.skyport.buildfarm.testing.kubernetes;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@code GET .../pods/<pod>/log} answers in the mock API: each pod's lines with the time the
 * "kubelet" received them, served like the API server and kubelet do for {@code timestamps} (an
 * RFC3339 time with nine fraction digits, a space, the line), {@code tailLines} (the last lines, then
 * {@code sinceTime}) and {@code sinceTime} (lines at or after it, the time cut to whole seconds as the
 * API server hands it to the kubelet, so a resumed stream repeats the earlier lines of that second).
 *
 * <p>{@code follow=true} gets the same answer and ends: the mock server sends a response whole, it cannot
 * hold one open and add to it. A follower therefore sees its stream end at once, as when a kubelet drops
 * it while the pod runs, and must open it again from the last line's time for later lines.
 */
public final class PodLogs {

    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").withZone(ZoneOffset.UTC);

    /** One {@code pods/log} request as the client sent it. */
    public record Request(String namespace, String pod, boolean follow, boolean timestamps, String sinceTime,
                          Integer tailLines) {
    }

    private record Line(Instant time, String text) {
    }

    private final Map<String, List<Line>> logs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private Instant lastStamp = Instant.EPOCH;

    /** The pod's log becomes exactly {@code text}, each line received now. */
    void replace(String namespace, String pod, String text) {
        List<Line> lines = new CopyOnWriteArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(new Line(now(), line));
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        logs.put(namespace + "/" + pod, lines);
    }

    void append(String namespace, String pod, Instant time, String line) {
        logs.computeIfAbsent(namespace + "/" + pod, key -> new CopyOnWriteArrayList<>()).add(new Line(time, line));
    }

    /** A time after every one handed out so far, so that appended lines keep their order. */
    synchronized Instant now() {
        Instant now = Instant.now();
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusNanos(1);
        return lastStamp;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The answer, or null when the pod has no log (the dispatcher then answers as for a missing pod). */
    MockResponse answer(String namespace, String pod, Map<String, String> query) {
        Request request = new Request(namespace, pod, "true".equals(query.get("follow")),
                "true".equals(query.get("timestamps")), query.get("sinceTime"),
                query.get("tailLines") == null ? null : Integer.valueOf(query.get("tailLines")));
        requests.add(request);
        List<Line> lines = logs.get(namespace + "/" + pod);
        if (lines == null) {
            return null;
        }
        List<Line> sent = List.copyOf(lines);
        if (request.tailLines() != null) {
            sent = sent.subList(Math.max(0, sent.size() - request.tailLines()), sent.size());
        }
        if (request.sinceTime() != null) {
            Instant since = OffsetDateTime.parse(request.sinceTime()).toInstant().truncatedTo(ChronoUnit.SECONDS);
            sent = sent.stream().filter(l -> !l.time().isBefore(since)).toList();
        }
        StringBuilder body = new StringBuilder();
        for (Line line : sent) {
            if (request.timestamps()) {
                body.append(RFC3339_NANO.format(line.time())).append(' ');
            }
            body.append(line.text()).append('\n');
        }
        return new MockResponse().setResponseCode(200).setBody(body.toString());
    }
}
