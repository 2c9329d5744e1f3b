package dev.skyport.buildfarm.microservice;

import dev.skyport.api.microservice.MicroserviceListResponse;
import dev.skyport.api.microservice.MicroserviceResponse;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Microservices of an app: status, stop, start, delete. */
@RestController
public class MicroserviceController {

    private final MicroserviceOperations operations;

    public MicroserviceController(MicroserviceOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/v1/apps/{app}/microservices")
    public Mono<MicroserviceListResponse> list(@PathVariable String app) {
        return blocking(() -> new MicroserviceListResponse(operations.list(app)));
    }

    @GetMapping("/v1/apps/{app}/microservices/{name}")
    public Mono<MicroserviceResponse> get(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> new MicroserviceResponse(operations.get(app, name)));
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/stop")
    public Mono<MicroserviceResponse> stop(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> new MicroserviceResponse(operations.stop(app, name)));
    }

    @PostMapping("/v1/apps/{app}/microservices/{name}/start")
    public Mono<MicroserviceResponse> start(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> new MicroserviceResponse(operations.start(app, name)));
    }

    @DeleteMapping("/v1/apps/{app}/microservices/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String app, @PathVariable String name) {
        return blocking(() -> {
            operations.delete(app, name);
            return Boolean.TRUE;
        }).then();
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
