package dev.skyport.buildfarm.artifact;

import dev.skyport.api.microservice.ArtifactResponse;
import dev.skyport.buildfarm.deployment.Names;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code HEAD|PUT /v1/apps/{app}/artifacts/{sha256}}. */
@RestController
public class ArtifactController {

    private final ArtifactStore store;
    private final ArtifactUploads uploads;

    public ArtifactController(ArtifactStore store, ArtifactUploads uploads) {
        this.store = store;
        this.uploads = uploads;
    }

    @RequestMapping(path = "/v1/apps/{app}/artifacts/{sha256}", method = RequestMethod.HEAD)
    public Mono<ResponseEntity<Void>> head(@PathVariable String app, @PathVariable String sha256) {
        Names.requireApp(app);
        ArtifactDigests.require(sha256);
        return Mono.fromCallable(() -> store.find(app, sha256)
                        .map(artifact -> {
                            store.touch(app, sha256);
                            return ResponseEntity.ok().contentLength(artifact.size()).<Void>build();
                        })
                        .orElseGet(() -> ResponseEntity.notFound().build()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @RequestMapping(path = "/v1/apps/{app}/artifacts/{sha256}", method = RequestMethod.PUT)
    public Mono<ResponseEntity<ArtifactResponse>> put(@PathVariable String app, @PathVariable String sha256,
                                                      ServerHttpRequest request) {
        Names.requireApp(app);
        return uploads.receive(app, sha256, request.getHeaders().getContentLength(), request.getBody())
                .map(received -> ResponseEntity.status(received.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new ArtifactResponse(received.artifact())));
    }
}
