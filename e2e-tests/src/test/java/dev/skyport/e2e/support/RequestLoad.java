package dev.skyport.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A bounded request load on one app path through the gateway, in the manner of {@code wrk}: a few client
 * threads, each with its own keep-alive HTTP/1.1 connection, sending the next request as soon as the
 * previous one is answered. It ends at {@link #stop()}, or by itself after {@code maxRequests} requests or
 * {@code maxTime}, whichever comes first. Every answer is kept (when it was sent, and {@code "<status>
 * <body>"} or {@code "error <exception>"}), so a test can count what was served before and after a moment.
 */
public final class RequestLoad {

    /** One request: sent and answered at {@link System#nanoTime()} instants, and what came back. */
    public record Answer(long sentAt, long answeredAt, String outcome) {
    }

    /** How the load ended, and everything it saw. */
    public record Summary(int threads, long sent, Duration elapsed, String endedBy, Map<String, Long> outcomes) {

        public long count(Predicate<String> outcome) {
            return outcomes.entrySet().stream().filter(e -> outcome.test(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final String host;
    private final long maxRequests;
    private final long deadline;
    private final long startedAt = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<String> endedBy = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<List<Answer>> answers = new ArrayList<>();

    private RequestLoad(URI uri, String host, long maxRequests, Duration maxTime) {
        this.uri = uri;
        this.host = host;
        this.maxRequests = maxRequests;
        this.deadline = startedAt + maxTime.toNanos();
    }

    /**
     * Starts {@code threads} clients sending {@code GET path} to the gateway with {@code Host: <app>.localhost}.
     */
    public static RequestLoad start(URI gateway, String app, String path, int threads, long maxRequests,
            Duration maxTime) {
        if (!"127.0.0.1".equals(gateway.getHost())) {
            throw new IllegalArgumentException("the load goes to this machine's gateway only, not " + gateway);
        }
        RequestLoad load = new RequestLoad(gateway.resolve(path), app + ".localhost", maxRequests, maxTime);
        for (int i = 1; i <= threads; i++) {
            List<Answer> seen = new ArrayList<>();
            load.answers.add(seen);
            Thread thread = new Thread(() -> load.send(seen), "request-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void send(List<Answer> seen) {
        // One client per thread: its own connection, kept alive between requests, as one wrk connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Host", host).timeout(REQUEST_TIMEOUT).GET().build();
        while (true) {
            if (stop.get()) {
                endedBy.compareAndSet(null, "stop()");
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                endedBy.compareAndSet(null, "its time limit");
                return;
            }
            if (sent.incrementAndGet() > maxRequests) {
                sent.decrementAndGet();
                endedBy.compareAndSet(null, "its request limit (" + maxRequests + ")");
                return;
            }
            long sentAt = System.nanoTime();
            String outcome;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = response.statusCode() + " " + response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "error interrupted";
            } catch (Exception e) {
                outcome = "error " + e;
            }
            Answer answer = new Answer(sentAt, System.nanoTime(), outcome.intern());
            synchronized (seen) {
                seen.add(answer);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.get();
    }

    /** How many answers so far match. */
    public long count(Predicate<Answer> answer) {
        long count = 0;
        for (List<Answer> seen : answers) {
            synchronized (seen) {
                for (Answer a : seen) {
                    if (answer.test(a)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** The earliest answer that matches, or null. */
    public Answer first(Predicate<Answer> answer) {
        Answer first = null;
        for (List<Answer> seen : answers) {
            synchronized (seen) {
                for (Answer a : seen) {
                    if (answer.test(a) && (first == null || a.answeredAt() < first.answeredAt())) {
                        first = a;
                    }
                }
            }
        }
        return first;
    }

    /** Whether it ended by itself (its limits) or was stopped. */
    public boolean ended() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Stops the threads (each ends after its request in flight) and sums up. */
    public Summary stop() {
        stop.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the load", e);
            }
            if (thread.isAlive()) {
                thread.interrupt();
                throw new AssertionError(thread.getName() + " did not end within " + REQUEST_TIMEOUT.plusSeconds(5));
            }
        }
        Map<String, Long> outcomes = new TreeMap<>();
        long answered = 0;
        long last = startedAt;
        for (List<Answer> seen : answers) {
            synchronized (seen) {
                for (Answer a : seen) {
                    outcomes.merge(a.outcome(), 1L, Long::sum);
                    last = Math.max(last, a.answeredAt());
                    answered++;
                }
            }
        }
        if (answered != sent.get()) {
            throw new AssertionError(sent.get() + " requests sent but " + answered + " answers recorded");
        }
        return new Summary(threads.size(), sent.get(), Duration.ofNanos(last - startedAt), endedBy.get(), outcomes);
    }
}
