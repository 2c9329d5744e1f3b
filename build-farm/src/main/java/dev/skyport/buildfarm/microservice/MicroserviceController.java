package dev.skyport.buildfarm.microservice;

import dev.skyport.api.microservice.DeploymentResponse;
import dev.skyport.api.microservice.MicroserviceListResponse;
import dev.skyport.api.microservice.MicroserviceResponse;
import dev.skyport.api.microservice.RollbackRequest;
import dev.skyport.api.microservice.RollbackTargetsResponse;
import dev.skyport.buildfarm.deployment.Names;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.lifecycle.LifecycleRefusal;
import dev.skyport.buildfarm.lifecycle.MicroserviceLifecycle;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Microservices of an app: status, stop, start, rollback, delete. HTTP in, lifecycle calls, HTTP out. */
@RestController
public class MicroserviceController {

    private final MicroserviceLifecycle lifecycle;
    private final RecordStore records;

    public MicroserviceController(MicroserviceLifecycle lifecycle, RecordStore records) {
        this.lifecycle = lifecycle;
        this.records = records;
    }

    @GetMapping("/v1/apps/{app}/microservices")
    public Mono<MicroserviceListResponse> list(@PathVariable String app) {
        return blocking(() -> new MicroserviceListResponse(records.microservices(Names.requireApp(app))));
    }

    @GetMapping("/v1/apps/{app}/microservices/{name}")
    public Mono<MicroserviceResponse> get(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> {
            MicroserviceKey key = key(app, name);
            return new MicroserviceResponse(records.microservice(app, name).orElseThrow(() -> notFound(key)));
        });
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/stop")
    public Mono<MicroserviceResponse> stop(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> new MicroserviceResponse(lifecycle.stop(key(app, name))));
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/start")
    public Mono<MicroserviceResponse> start(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> new MicroserviceResponse(lifecycle.start(key(app, name))));
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/rollback")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<DeploymentResponse> rollback(@PathVariable String app, @PathVariable String name,
                                             @RequestBody(required = false) RollbackRequest request) {
        String to = request == null || request.to() == null || request.to().isBlank() ? null : request.to().strip();
        return blocking(() -> new DeploymentResponse(lifecycle.rollback(key(app, name), to)));
    }

    @GetMapping("/v1/apps/{app}/microservices/{name}/rollback-targets")
    public Mono<RollbackTargetsResponse> rollbackTargets(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> lifecycle.rollbackTargets(key(app, name)));
    }

    @DeleteMapping("/v1/apps/{app}/microservices/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> {
            lifecycle.delete(key(app, name));
            return Boolean.TRUE;
        }).then();
    }

    private static MicroserviceKey key(String app, String name) {
        return new MicroserviceKey(Names.requireApp(app), Names.requireMicroservice(name));
    }

    /** The answer for an unknown microservice, for every endpoint under it. */
    public static ApiException notFound(MicroserviceKey key) {
        return ApiException.notFound("microservice_not_found", "app '" + key.app() + "' has no microservice '"
                + key.name() + "'; list them with GET /v1/apps/" + key.app() + "/microservices",
                Map.of("app", key.app(), "microservice", key.name()));
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(LifecycleRefusal.class, MicroserviceController::toApi);
    }

    private static ApiException toApi(LifecycleRefusal refusal) {
        return switch (refusal.reason()) {
            case NOT_FOUND -> notFound(refusal.microservice());
            case IN_PROGRESS -> ApiException.conflict("deployment_in_progress", refusal.getMessage(),
                    Map.of("deployment", String.valueOf(refusal.deploymentId())));
            case NOTHING_TO_START -> ApiException.conflict("nothing_to_start", refusal.getMessage(), Map.of());
            case DEPLOYMENT_NOT_FOUND -> ApiException.notFound("deployment_not_found", refusal.getMessage(),
                    rollbackDetails(refusal));
            case NOT_A_ROLLBACK_TARGET -> ApiException.conflict("not_a_rollback_target", refusal.getMessage(),
                    rollbackDetails(refusal));
            case IMAGE_NOT_RETAINED -> ApiException.conflict("image_not_retained", refusal.getMessage(),
                    rollbackDetails(refusal));
            case NOTHING_TO_ROLL_BACK_TO -> ApiException.conflict("nothing_to_roll_back_to", refusal.getMessage(),
                    rollbackDetails(refusal));
            case STOPPED -> ApiException.conflict("microservice_stopped", refusal.getMessage(), Map.of());
        };
    }

    private static Map<String, Object> rollbackDetails(LifecycleRefusal refusal) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (refusal.deploymentId() != null) {
            details.put("deployment", refusal.deploymentId());
        }
        details.put("targets", refusal.rollbackTargets());
        return details;
    }
}
