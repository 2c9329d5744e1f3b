package dev.skyport.buildfarm.deployment;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.logs.LogEvent;
import dev.skyport.buildfarm.logs.LogProperties;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deployment's log as Server-Sent Events: {@code log} and {@code status} events whose ids are the
 * Redis stream ids, so {@code Last-Event-ID} resumes right after the last event a client saw. Following,
 * it polls the stream and ends after the status event that ends waiting ({@code running}, a failure,
 * {@code superseded}, {@code stopped}).
 */
@Component
public class LogStreams {

    private static final int BATCH = 500;

    private final BuildLogs logs;
    private final RecordStore records;
    private final LogProperties properties;
    private final JsonMapper json;

    public LogStreams(BuildLogs logs, RecordStore records, LogProperties properties, JsonMapper json) {
        this.logs = logs;
        this.records = records;
        this.properties = properties;
        this.json = json;
    }

    public Flux<ServerSentEvent<String>> stream(String deploymentId, String lastEventId, boolean follow) {
        if (lastEventId != null && !lastEventId.isBlank() && !BuildLogs.isEventId(lastEventId.strip())) {
            return Flux.error(ApiException.badRequest("invalid_last_event_id", "Last-Event-ID '" + lastEventId
                    + "' is not an id this stream sent; send the id of the last event received, or none to start over",
                    Map.of("lastEventId", lastEventId)));
        }
        AtomicReference<String> cursor = new AtomicReference<>(lastEventId == null || lastEventId.isBlank() ? null
                : lastEventId.strip());
        AtomicBoolean done = new AtomicBoolean();
        // Read a batch; when it brought nothing new and the stream goes on, pause before the next read.
        Mono<List<LogEvent>> batch = Mono.fromCallable(() -> nextBatch(deploymentId, cursor, done, follow))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(events -> events.isEmpty() && !done.get()
                        ? Mono.delay(properties.followPollInterval()).thenReturn(events) : Mono.just(events));
        return batch.repeat(() -> !done.get())
                .concatMapIterable(events -> events)
                .map(this::toEvent);
    }

    /** The next events; sets {@code done} when the stream should end after them. */
    private List<LogEvent> nextBatch(String deploymentId, AtomicReference<String> cursor, AtomicBoolean done,
                                     boolean follow) {
        // Read the record first: a final status in it means its status event is already in the log.
        boolean finished = records.deployment(deploymentId).map(StoredDeployment::status)
                .map(DeploymentStatus::endsWaiting).orElse(true);
        List<LogEvent> events = logs.read(deploymentId, cursor.get(), BATCH);
        int end = events.size();
        for (int i = 0; i < events.size(); i++) {
            if (follow && endsWaiting(events.get(i))) {
                end = i + 1;
                done.set(true);
                break;
            }
        }
        List<LogEvent> result = events.subList(0, end);
        if (!result.isEmpty()) {
            cursor.set(result.get(result.size() - 1).id());
        }
        if (events.isEmpty() && (finished || !follow)) {
            done.set(true);
        }
        return result;
    }

    private boolean endsWaiting(LogEvent event) {
        if (!LogEvent.STATUS.equals(event.type())) {
            return false;
        }
        try {
            return json.readValue(event.data(), StatusEvent.class).status().endsWaiting();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ServerSentEvent<String> toEvent(LogEvent event) {
        return ServerSentEvent.<String>builder(event.data()).id(event.id()).event(event.type()).build();
    }
}
