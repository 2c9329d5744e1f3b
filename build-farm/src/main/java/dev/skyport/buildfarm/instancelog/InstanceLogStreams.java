package dev.skyport.buildfarm.instancelog;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.api.microservice.LogsDropped;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.logs.LogProperties;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A microservice's instance output as Server-Sent Events, with bounds: an event goes to the server
 * only when the reader's connection takes more, at most {@code buffer-lines} lines wait for one reader
 * (the oldest go first, and the reader is told how many), a following stream that could send nothing
 * for {@code stall-timeout} is closed, and at most {@code max-streams} are open.
 */
@Component
public class InstanceLogStreams {

    private static final Logger log = LoggerFactory.getLogger(InstanceLogStreams.class);

    /** How often a stream waiting for its reader looks again whether the connection takes more. */
    private static final Duration WRITABLE_CHECK = Duration.ofMillis(50);

    private final RuntimeDriver driver;
    private final InstanceLogProperties properties;
    private final LogProperties logs;
    private final JsonMapper json;
    private final Semaphore streams;

    public InstanceLogStreams(SelectedDriver driver, InstanceLogProperties properties, LogProperties logs,
                              JsonMapper json) {
        this.driver = driver.get();
        this.properties = properties;
        this.logs = logs;
        this.json = json;
        this.streams = new Semaphore(properties.maxStreams());
    }

    /**
     * {@code cursor}: resume after that line (then {@code tail} does not apply); null to start afresh.
     * {@code writable}: whether the reader's connection can take more now.
     */
    public Flux<ServerSentEvent<String>> stream(MicroserviceKey microservice, boolean follow, Instant since,
                                                Integer tail, LogCursor cursor, BooleanSupplier writable) {
        Instant from = cursor == null ? since : since == null || cursor.time().isAfter(since) ? cursor.time() : since;
        InstanceLogQuery query = new InstanceLogQuery(follow, from, cursor == null ? tail : null);
        return Flux.using(this::takeSlot, slot -> events(microservice, query, cursor, writable), slot -> streams.release());
    }

    private Boolean takeSlot() {
        if (!streams.tryAcquire()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_log_streams", properties.maxStreams()
                    + " log streams are open in this build farm, the most it serves at once; close one, or try"
                    + " again shortly (skyport.build-farm.instance-logs.max-streams)", Map.of());
        }
        return Boolean.TRUE;
    }

    private Flux<ServerSentEvent<String>> events(MicroserviceKey microservice, InstanceLogQuery query,
                                                 LogCursor cursor, BooleanSupplier writable) {
        AtomicLong dropped = new AtomicLong();
        Flux<ServerSentEvent<String>> lines = driver.instanceLogs(microservice, query)
                .filter(line -> cursor == null || cursor.precedes(line))
                // The driver pushes without waiting; this is the one place lines wait for a slow reader.
                .onBackpressureBuffer(properties.bufferLines(), line -> dropped.incrementAndGet(),
                        BufferOverflowStrategy.DROP_OLDEST)
                .concatMapIterable(line -> withDroppedNotice(line, dropped), 1);
        if (!query.follow()) {
            return whenWritable(lines, writable);
        }
        // The first keep-alive goes at once: the reader (and a gateway waiting for response headers)
        // learns the stream is open even when the instances print nothing for a while.
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(Duration.ZERO, properties.heartbeat())
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return whenWritable(Flux.merge(1, lines, heartbeats), writable)
                .timeout(properties.stallTimeout())
                .onErrorMap(TimeoutException.class, e -> {
                    log.info("closing the log stream of {}: its reader took nothing for {}", microservice,
                            properties.stallTimeout());
                    return new ReaderStalledException(microservice);
                });
    }

    /**
     * Passes each event on only once the connection can take it, so what a slow reader cannot take
     * waits in the bounded buffer above (and the oldest lines go) rather than in the server's queue.
     */
    private static Flux<ServerSentEvent<String>> whenWritable(Flux<ServerSentEvent<String>> events,
                                                              BooleanSupplier writable) {
        return events.concatMap(event -> writable.getAsBoolean() ? Mono.just(event)
                : Flux.interval(WRITABLE_CHECK).filter(tick -> writable.getAsBoolean()).next().thenReturn(event), 1);
    }

    private List<ServerSentEvent<String>> withDroppedNotice(InstanceLogLine line, AtomicLong dropped) {
        ServerSentEvent<String> event = ServerSentEvent.builder(json.writeValueAsString(cut(line)))
                .id(LogCursor.idOf(line)).event("log").build();
        long left = dropped.getAndSet(0);
        if (left == 0) {
            return List.of(event);
        }
        LogsDropped notice = new LogsDropped(left, left + " lines left out: this reader fell more than "
                + properties.bufferLines() + " lines behind");
        return List.of(ServerSentEvent.builder(json.writeValueAsString(notice)).event("dropped").build(), event);
    }

    private InstanceLogLine cut(InstanceLogLine line) {
        String text = logs.cut(line.text());
        return text.equals(line.text()) ? line : new InstanceLogLine(line.time(), line.instance(), line.stream(), text);
    }

    /** The reader took nothing for the stall timeout; the stream ends and its sources close. */
    static final class ReaderStalledException extends RuntimeException {
        ReaderStalledException(MicroserviceKey microservice) {
            super("the reader of " + microservice + "'s log stream stalled", null, false, false);
        }
    }
}
