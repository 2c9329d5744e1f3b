package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.DevServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A route announced on the channel is served by every replica within a second. */
class ReplicaPropagationTest {

    @Test
    void everyReplicaServesANewRouteWithinOneSecond() {
        String app = "repl-" + UUID.randomUUID().toString().substring(0, 8);
        String redis = DevServices.get().redisUri().toString();
        Map<String, String> settings = Map.of("skyport.gateway.default-app", app);
        try (EchoUpstream upstream = EchoUpstream.start("up"); RouteWriter routes = new RouteWriter(redis);
                GatewayInstance first = GatewayInstance.start(redis, settings);
                GatewayInstance second = GatewayInstance.start(redis, settings)) {
            HttpClient http = HttpClient.newHttpClient();
            routes.put(app, "/warm", upstream.uri());
            for (GatewayInstance g : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> get(http, g, "/warm") == 200);
            }

            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String prefix = "/r" + i;
                long published = System.nanoTime();
                routes.put(app, prefix, upstream.uri());
                for (GatewayInstance g : List.of(first, second)) {
                    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                            .until(() -> get(http, g, prefix) == 200);
                }
                micros.add((System.nanoTime() - published) / 1000);
            }
            Collections.sort(micros);
            System.out.printf("propagation to 2 replicas over %d updates: p50 %d µs, max %d µs%n", micros.size(),
                    micros.get(micros.size() / 2), micros.get(micros.size() - 1));
            assertThat(micros.get(micros.size() - 1)).isLessThan(1_000_000);
        } finally {
            try (RouteWriter routes = new RouteWriter(redis)) {
                routes.deleteApp(app);
            }
        }
    }

    private static int get(HttpClient http, GatewayInstance gateway, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
