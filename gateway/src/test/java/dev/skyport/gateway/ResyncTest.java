package dev.skyport.gateway;

import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.RedisServerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Announcements can be lost; the periodic resync and the resync after a reconnect catch up. */
class ResyncTest {

    private static final String APP = "resync";

    @Test
    void theFullResyncServesARouteWhoseAnnouncementWasLost() {
        try (RedisServerProcess redis = RedisServerProcess.start(); EchoUpstream upstream = EchoUpstream.start("up");
                RouteWriter routes = new RouteWriter(redis.uri());
                GatewayInstance gateway = GatewayInstance.start(redis.uri(), Map.of(
                        "skyport.gateway.default-app", APP, "skyport.gateway.resync-interval", "1s"))) {
            routes.put(APP, "/announced", upstream.uri());
            await().atMost(Duration.ofSeconds(5)).until(() -> status(gateway, "/announced") == 200);

            routes.putSilently(APP, "/silent", upstream.uri());

            await().atMost(Duration.ofSeconds(5)).until(() -> status(gateway, "/silent") == 200);
        }
    }

    @Test
    void aReconnectReloadsWhatChangedWhileTheGatewayWasNotListening() {
        try (RedisServerProcess redis = RedisServerProcess.start(); EchoUpstream upstream = EchoUpstream.start("up");
                RouteWriter routes = new RouteWriter(redis.uri());
                GatewayInstance gateway = GatewayInstance.start(redis.uri(), Map.of(
                        "skyport.gateway.default-app", APP, "skyport.gateway.resync-interval", "1h",
                        "skyport.gateway.reconnect-delay", "100ms"))) {
            routes.put(APP, "/announced", upstream.uri());
            await().atMost(Duration.ofSeconds(5)).until(() -> status(gateway, "/announced") == 200);

            routes.putSilently(APP, "/silent", upstream.uri());
            // Not announced and no periodic resync within the test: only the reconnect can bring it in.
            routes.redis().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());

            await().atMost(Duration.ofSeconds(5)).until(() -> status(gateway, "/silent") == 200);
        }
    }

    private static int status(GatewayInstance gateway, String path) {
        return gateway.client().get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }
}
