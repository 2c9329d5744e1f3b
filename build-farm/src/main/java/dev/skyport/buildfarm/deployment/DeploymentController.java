package dev.skyport.buildfarm.deployment;

import dev.skyport.api.microservice.DeploymentRequest;
import dev.skyport.api.microservice.DeploymentResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Deploy requests, deployment records and their logs. */
@RestController
public class DeploymentController {

    private final DeploymentRequests requests;
    private final DeploymentQueries queries;
    private final LogStreams logStreams;

    public DeploymentController(DeploymentRequests requests, DeploymentQueries queries, LogStreams logStreams) {
        this.requests = requests;
        this.queries = queries;
        this.logStreams = logStreams;
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/deployments")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<DeploymentResponse> deploy(@PathVariable String app, @PathVariable String name,
                                           @RequestBody DeploymentRequest request) {
        return Mono.fromCallable(() -> new DeploymentResponse(requests.deploy(app, name, request)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/v1/apps/{app}/deployments/{id}")
    public Mono<DeploymentResponse> get(@PathVariable String app, @PathVariable String id) {
        return Mono.fromCallable(() -> new DeploymentResponse(queries.get(app, id).deployment()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/v1/apps/{app}/deployments/{id}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> logs(@PathVariable String app, @PathVariable String id,
                                              @RequestParam(defaultValue = "true") boolean follow,
                                              @RequestHeader(name = "Last-Event-ID", required = false)
                                              String lastEventId) {
        return Mono.fromCallable(() -> queries.get(app, id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(found -> logStreams.stream(id, lastEventId, follow));
    }
}
