package dev.skyport.buildfarm.testing.memory;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * What the instances of one in-memory microservice "print": a test writes lines, followers get them
 * pushed at once, as the real drivers push them, without waiting for demand. It counts the open
 * streams, so a test can see that a stream nobody reads any more was closed.
 */
public final class InstanceOutput {

    private final List<InstanceLogLine> history = new ArrayList<>();
    private final Set<Consumer<InstanceLogLine>> followers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();

    /** Writes one line, stamped now. */
    public void print(String instance, String text) {
        print(new InstanceLogLine(Instant.now(), instance, InstanceLogLine.STDOUT, text));
    }

    public void print(InstanceLogLine line) {
        synchronized (history) {
            history.add(line);
            followers.forEach(follower -> follower.accept(line));
        }
    }

    /** Streams subscribed and not yet cancelled or completed. */
    public int openStreams() {
        return open.get();
    }

    Flux<InstanceLogLine> stream(InstanceLogQuery query) {
        return Flux.create(sink -> {
            open.incrementAndGet();
            Consumer<InstanceLogLine> follower = sink::next;
            // One onDispose per sink: a second one would run at once.
            sink.onDispose(() -> {
                followers.remove(follower);
                open.decrementAndGet();
            });
            synchronized (history) {
                List<InstanceLogLine> past = history.stream()
                        .filter(line -> query.since() == null || !line.time().isBefore(query.since())).toList();
                if (query.tail() != null) {
                    past = past.subList(Math.max(0, past.size() - query.tail()), past.size());
                }
                past.forEach(sink::next);
                if (!query.follow()) {
                    sink.complete();
                    return;
                }
                followers.add(follower);
            }
        }, FluxSink.OverflowStrategy.BUFFER);
    }
}
