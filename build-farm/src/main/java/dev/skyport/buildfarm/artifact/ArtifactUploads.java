package dev.skyport.buildfarm.artifact;

import dev.skyport.api.microservice.Artifact;
import dev.skyport.buildfarm.deployment.AppLocks;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.quota.Quotas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Receives an artifact: streams the body to a temporary file while hashing and counting it, checks
 * length and checksum, validates the archive, and only then moves it into place. Whatever fails, the
 * temporary file is deleted: a refused upload leaves nothing behind.
 */
@Component
public class ArtifactUploads {

    private static final Logger log = LoggerFactory.getLogger(ArtifactUploads.class);

    /** Chunks buffered between the network and the disk writer; bounds memory per upload. */
    private static final int PREFETCH_CHUNKS = 16;

    private final ArtifactStore store;
    private final ArtifactProperties properties;
    private final ArchiveValidator validator;
    private final Quotas quotas;
    private final AppLocks appLocks;
    private final Scheduler disk = Schedulers.boundedElastic();

    public ArtifactUploads(ArtifactStore store, ArtifactProperties properties, Quotas quotas, AppLocks appLocks) {
        this.store = store;
        this.quotas = quotas;
        this.appLocks = appLocks;
        this.properties = properties;
        this.validator = new ArchiveValidator(ArchiveLimits.of(properties));
    }

    /** Outcome of a PUT: the artifact and whether this upload created it. */
    public record Received(Artifact artifact, boolean created) {
    }

    public Mono<Received> receive(String app, String sha256, long contentLength, Flux<DataBuffer> body) {
        ArtifactDigests.require(sha256);
        if (contentLength < 0) {
            return drain(body).then(Mono.error(new ApiException(HttpStatus.LENGTH_REQUIRED, "length_required",
                    "an artifact upload needs a Content-Length header; send the file with its size")));
        }
        long max = properties.maxCompressedSize().toBytes();
        if (contentLength > max) {
            return drain(body).then(Mono.error(ArchiveRejectedException.compressedTooLarge(max,
                    "the artifact is " + contentLength + " bytes, more than the " + max + " allowed"
                            + " (skyport.build-farm.artifacts.max-compressed-size); leave large files out with"
                            + " .dockerignore")));
        }
        // Files and the quota's directory listing block: off the event loop, like the upload itself.
        return Mono.fromCallable(() -> alreadyStored(app, sha256, contentLength)).subscribeOn(disk)
                .onErrorResume(ApiException.class, refused -> drain(body).then(Mono.error(refused)))
                .flatMap(stored -> stored.isPresent()
                        ? drain(body).thenReturn(stored.get())
                        : store(app, sha256, contentLength, body));
    }

    /** The stored artifact, touched, if this app has it; otherwise checks the quota for a new one. */
    private Optional<Received> alreadyStored(String app, String sha256, long contentLength) {
        var existing = store.find(app, sha256);
        if (existing.isPresent()) {
            store.touch(app, sha256);
            StoredArtifact stored = existing.get();
            return Optional.of(new Received(new Artifact(sha256, stored.size(), stored.entries()), false));
        }
        quotas.checkArtifactUpload(app, contentLength);
        return Optional.empty();
    }

    private Mono<Received> store(String app, String sha256, long contentLength, Flux<DataBuffer> body) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> new UploadFile(store.newTempFile(), contentLength)).subscribeOn(disk),
                upload -> write(upload, body).then(Mono.fromCallable(() -> check(app, sha256, contentLength, upload))
                        .subscribeOn(disk)),
                upload -> discard(upload),
                (upload, error) -> discard(upload),
                upload -> discard(upload));
    }

    private Mono<Void> write(UploadFile upload, Flux<DataBuffer> body) {
        Duration idle = properties.uploadIdleTimeout();
        // Measured on the network side of the disk queue: it is the client that went quiet.
        return body.timeout(idle, Flux.defer(() -> Flux.error(idleTimeout(upload, idle))))
                .publishOn(disk, PREFETCH_CHUNKS)
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                .concatMap(chunk -> {
                    try {
                        upload.write(chunk);
                        return Mono.empty();
                    } catch (IOException e) {
                        return Mono.error(new UncheckedIOException(e));
                    } finally {
                        DataBufferUtils.release(chunk);
                    }
                }, 0)
                .then()
                .onErrorMap(e -> !(e instanceof ApiException), e -> truncated(upload, e));
    }

    private Received check(String app, String sha256, long contentLength, UploadFile upload) throws IOException {
        String actual = upload.finish();
        if (upload.written() != contentLength) {
            throw truncated(upload, null);
        }
        if (!actual.equals(sha256)) {
            throw ApiException.badRequest("artifact_checksum_mismatch", "the uploaded body hashes to sha256:" + actual
                    + ", not sha256:" + sha256 + "; upload the file again", Map.of("expected", sha256, "actual", actual));
        }
        ArchiveSummary summary = validator.validate(upload.path());
        boolean created = installWithinQuota(app, sha256, contentLength, upload, summary);
        log.info("artifact {}/{} stored: {} bytes, {} entries, {} bytes uncompressed", app, sha256,
                contentLength, summary.entries(), summary.uncompressedBytes());
        return new Received(new Artifact(sha256, contentLength, summary.entries()), created);
    }

    /**
     * The quota again, under the app's lock and together with the install: concurrent uploads checked it
     * before any of them was stored, so without this each could pass it.
     */
    private boolean installWithinQuota(String app, String sha256, long size, UploadFile upload, ArchiveSummary summary) {
        return appLocks.locked(app, () -> {
            if (store.find(app, sha256).isEmpty()) {
                quotas.checkArtifactUpload(app, size);
            }
            try {
                return store.install(upload.path(), app, sha256, summary.entries());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ApiException truncated(UploadFile upload, Throwable cause) {
        String why = cause == null ? "" : " (" + cause.getMessage() + ")";
        return ApiException.badRequest("artifact_truncated", "the upload ended after " + upload.written()
                + " bytes, before its Content-Length" + why + "; upload the file again", Map.of("received",
                upload.written()));
    }

    private static ApiException idleTimeout(UploadFile upload, Duration idle) {
        return new ApiException(HttpStatus.REQUEST_TIMEOUT, "artifact_upload_idle", "the upload sent no bytes for "
                + idle.toMillis() + " ms (skyport.build-farm.artifacts.upload-idle-timeout) after " + upload.written()
                + " of " + upload.expectedLength() + " bytes, so it was aborted; upload the file again",
                Map.of("received", upload.written(), "expected", upload.expectedLength()));
    }

    private Mono<Void> discard(UploadFile upload) {
        return Mono.fromRunnable(() -> {
            try {
                upload.close();
                Files.deleteIfExists(upload.path());
            } catch (IOException e) {
                log.warn("cannot delete the upload file {}: {}", upload.path(), e.getMessage());
            }
        }).subscribeOn(disk).then();
    }

    /** Reads and drops a body we answer without keeping; a client that stalls is let go after the idle timeout. */
    private Mono<Void> drain(Flux<DataBuffer> body) {
        return body.timeout(properties.uploadIdleTimeout()).doOnNext(DataBufferUtils::release).then()
                .onErrorResume(e -> Mono.empty());
    }
}
