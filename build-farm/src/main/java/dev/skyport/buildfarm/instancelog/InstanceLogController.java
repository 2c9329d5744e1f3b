package dev.skyport.buildfarm.instancelog;

import dev.skyport.buildfarm.deployment.Names;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.microservice.MicroserviceController;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What a microservice's running instances print, as Server-Sent Events. */
@RestController
public class InstanceLogController {

    private final InstanceLogStreams streams;
    private final RecordStore records;
    private final Clock clock;

    public InstanceLogController(InstanceLogStreams streams, RecordStore records, Clock clock) {
        this.streams = streams;
        this.records = records;
        this.clock = clock;
    }

    @GetMapping(path = "/v1/apps/{app}/microservices/{name}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> logs(@PathVariable String app, @PathVariable String name,
                                              @RequestParam(defaultValue = "false") boolean follow,
                                              @RequestParam(required = false) String since,
                                              @RequestParam(required = false) String tail,
                                              @RequestHeader(name = "Last-Event-ID", required = false)
                                              String lastEventId, ServerWebExchange exchange) {
        MicroserviceKey key = new MicroserviceKey(Names.requireApp(app), Names.requireMicroservice(name));
        Instant from = LogSince.parse(since, clock.instant());
        Integer lines = tail(tail);
        LogCursor cursor = LogCursor.parse(lastEventId);
        return Mono.fromCallable(() -> records.microservice(key.app(), key.name()).isPresent())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(exists -> {
                    if (!exists) {
                        return Flux.error(MicroserviceController.notFound(key));
                    }
                    return streams.stream(key, follow, from, lines, cursor,
                            ChannelWritability.of(exchange.getResponse()));
                });
    }

    private static Integer tail(String tail) {
        if (tail == null || tail.isBlank()) {
            return null;
        }
        try {
            int lines = Integer.parseInt(tail.strip());
            if (lines >= 0) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_tail", "tail '" + tail + "' is not a number of lines; send 0 or more"
                + " (the last lines of each instance)", Map.of("tail", tail));
    }
}
