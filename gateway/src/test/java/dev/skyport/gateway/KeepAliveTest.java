package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RawHttpConnection;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.DevServices;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A keep-alive connection keeps being read after the gateway answers a request on its own (404) while
 * the request before it was still being proxied (reactor/reactor-netty#4361). Pipelining the two
 * requests in one write makes the second one queue behind the first every time.
 */
class KeepAliveTest {

    private static final String APP = "keepalive-" + UUID.randomUUID().toString().substring(0, 8);

    private static EchoUpstream upstream;
    private static RouteWriter routes;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        upstream = EchoUpstream.start("api");
        String redis = DevServices.get().redisUri().toString();
        routes = new RouteWriter(redis);
        routes.put(APP, "/api/", upstream.uri());
        gateway = GatewayInstance.start(redis, Map.of("skyport.gateway.default-app", APP));
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.client().get().uri("/api/ready")
                .exchange().returnResult(String.class).getStatus().value() == 200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        routes.deleteApp(APP);
        routes.close();
        upstream.close();
    }

    @RepeatedTest(5)
    void aLocalAnswerQueuedBehindAProxiedOneLeavesTheConnectionReadable() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(gateway.port(), Duration.ofSeconds(5))) {
            connection.send(RawHttpConnection.get("/api/first", "localhost"),
                    RawHttpConnection.get("/nowhere", "localhost"));
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.read().status()).isEqualTo(404);

            connection.send(RawHttpConnection.get("/api/third", "localhost"));
            RawHttpConnection.Response third = connection.read();

            assertThat(third.status()).isEqualTo(200);
            assertThat(third.body()).contains("\"path\":\"/third\"");
        }
    }
}
