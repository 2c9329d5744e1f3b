package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redis is the source of routes, not a dependency of every request: the gateway outlives it. */
class RedisOutageTest {

    private static final String APP = "outage";

    @Test
    void startsWithoutRedisAndRecoversByItself() {
        try (RedisServerProcess redis = RedisServerProcess.start(); EchoUpstream upstream = EchoUpstream.start("up")) {
            redis.stopProcess();
            try (GatewayInstance gateway = GatewayInstance.start(redis.uri(), Map.of(
                    "skyport.gateway.default-app", APP, "skyport.gateway.reconnect-delay", "100ms"))) {
                gateway.management().get().uri("/actuator/health/readiness").exchange()
                        .expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.components.routes.status").isEqualTo("OUT_OF_SERVICE");
                gateway.client().get().uri("/svc").exchange().expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.error.code").isEqualTo("routes_not_loaded");

                redis.startProcess();
                try (RouteWriter routes = new RouteWriter(redis.uri())) {
                    routes.put(APP, "/svc", upstream.uri());
                    await().atMost(Duration.ofSeconds(5)).until(() ->
                            gateway.client().get().uri("/svc").exchange().returnResult(String.class)
                                    .getStatus().value() == 200);
                }
                gateway.management().get().uri("/actuator/health/readiness").exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            }
        }
    }

    @Test
    void aRedisRestartDuringTrafficLeavesKnownRoutesAnswering() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(); EchoUpstream upstream = EchoUpstream.start("up");
                RouteWriter routes = new RouteWriter(redis.uri());
                GatewayInstance gateway = GatewayInstance.start(redis.uri(), Map.of(
                        "skyport.gateway.default-app", APP, "skyport.gateway.reconnect-delay", "100ms"))) {
            routes.put(APP, "/svc", upstream.uri());
            HttpClient http = HttpClient.newHttpClient();
            URI target = URI.create(gateway.url() + "/svc/ping");
            await().atMost(Duration.ofSeconds(5)).until(() -> get(http, target) == 200);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // bounded in time
                while (!stop.get() && System.nanoTime() < deadline) {
                    if (get(http, target) == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= 50);
            redis.stopProcess();
            gateway.management().get().uri("/actuator/health/readiness").exchange(); // warm the client
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    gateway.management().get().uri("/actuator/health/readiness").exchange()
                            .expectStatus().isOk()
                            .expectBody().jsonPath("$.components.routes.status").isEqualTo("DEGRADED"));
            int beforeRestart = ok.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= beforeRestart + 50);

            redis.startProcess();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    gateway.management().get().uri("/actuator/health/readiness").exchange()
                            .expectBody().jsonPath("$.components.routes.status").isEqualTo("UP"));
            int afterRestart = ok.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= afterRestart + 50);
            stop.set(true);
            traffic.get();
            System.out.printf("redis restart under load: %d requests answered, %d failed%n", ok.get(), failed.get());

            assertThat(failed.get()).as("requests that failed while Redis restarted").isZero();

            // and live updates work again after the reconnect
            routes.put(APP, "/after", upstream.uri());
            await().atMost(Duration.ofSeconds(2)).until(() -> get(http, URI.create(gateway.url() + "/after")) == 200);
        }
    }

    private static int get(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
