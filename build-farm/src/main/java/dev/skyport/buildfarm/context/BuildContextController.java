package dev.skyport.buildfarm.context;

import dev.skyport.buildfarm.artifact.ArtifactStore;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /v1/builds/{id}/context?token=...}: the artifact of build {@code id}, for a Kubernetes build
 * Job's init container. No bearer token: the signed token names the build, expires, and works once.
 */
@RestController
public class BuildContextController {

    private final BuildContextTokens tokens;
    private final SingleUseContextTokens used;
    private final RecordStore records;
    private final ArtifactStore artifacts;

    public BuildContextController(BuildContextTokens tokens, SingleUseContextTokens used, RecordStore records,
                                  ArtifactStore artifacts) {
        this.tokens = tokens;
        this.used = used;
        this.records = records;
        this.artifacts = artifacts;
    }

    @GetMapping(path = "/v1/builds/{id}/context", produces = "application/gzip")
    public Mono<ResponseEntity<Resource>> context(@PathVariable String id,
                                                  @RequestParam(required = false) String token) {
        if (!tokens.verify(id, token)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_build_token", "the build context"
                    + " token is missing, expired, or not for build " + id + "; the build farm issues a new one per"
                    + " build Job"));
        }
        return Mono.fromCallable(() -> {
            if (!used.claim(token)) {
                throw new ApiException(HttpStatus.GONE, "build_token_used", "this build context URL was used"
                        + " already; each URL can be fetched once, and the build farm issues a new one per build Job");
            }
            StoredDeployment build = records.deployment(id).orElseThrow(() -> ApiException.notFound(
                    "build_not_found", "there is no build " + id, Map.of("build", id)));
            var file = artifacts.file(build.deployment().app(), build.deployment().artifact());
            if (!Files.isRegularFile(file)) {
                throw ApiException.notFound("artifact_not_found", "the artifact of build " + id + " is gone",
                        Map.of("build", id));
            }
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip"))
                    .contentLength(Files.size(file)).<Resource>body(new FileSystemResource(file));
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
