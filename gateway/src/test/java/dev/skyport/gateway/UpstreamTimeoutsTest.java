package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.PacedUpstream;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.DevServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response timeout counts from the end of the request body and the idle timeout from the last byte, so
 * slow uploads and long streams live as long as bytes flow, and a silent upstream is still cut.
 */
class UpstreamTimeoutsTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STEP = Duration.ofMillis(100);
    private static final int CHUNK = 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP = "timeouts-" + UUID.randomUUID().toString().substring(0, 8);

    private static PacedUpstream upstream;
    private static RouteWriter routes;
    private static GatewayInstance gateway;
    private static WebClient client;

    @BeforeAll
    static void start() {
        upstream = PacedUpstream.start();
        String redis = DevServices.get().redisUri().toString();
        routes = new RouteWriter(redis);
        routes.put(APP, "/slow", upstream.uri());
        gateway = GatewayInstance.start(redis, Map.of(
                "skyport.gateway.default-app", APP,
                "skyport.gateway.idle-timeout", IDLE_TIMEOUT.toMillis() + "ms",
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout", RESPONSE_TIMEOUT.toMillis() + "ms"));
        client = WebClient.create(gateway.url());
        await().atMost(Duration.ofSeconds(10)).until(() -> upload("/slow/upload", 1).getStatusCode().value() == 200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        routes.deleteApp(APP);
        routes.close();
        upstream.close();
    }

    @Test
    void aSlowUploadThatKeepsSendingOutlivesTheResponseTimeout() {
        int chunks = 25; // 2.5 s of upload, one chunk every 100 ms
        long start = System.nanoTime();

        ResponseEntity<String> response = upload("/slow/upload", chunks);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("bytes=" + chunks * CHUNK);
        assertThat(since(start)).isGreaterThan(RESPONSE_TIMEOUT.multipliedBy(2));
    }

    @Test
    void anUpstreamThatTakesTheBodyAndNeverAnswersGets504AResponseTimeoutAfterTheBodyEnded() {
        AtomicLong bodyEnded = new AtomicLong();
        Flux<DataBuffer> body = chunks(10).doOnComplete(() -> bodyEnded.set(System.nanoTime()));

        ResponseEntity<String> response = client.post().uri("/slow/upload-then-hang").body(body, DataBuffer.class)
                .exchangeToMono(r -> r.toEntity(String.class)).block(Duration.ofSeconds(15));

        Duration afterBody = since(bodyEnded.get());
        assertThat(response.getStatusCode().value()).isEqualTo(504);
        JsonNode error = JSON.readTree(response.getBody()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("upstream_timeout");
        assertThat(error.get("message").asString()).contains("after the request body was sent");
        // the response timeout, not the (longer) idle timeout, and counted from the end of the body
        assertThat(afterBody).isBetween(RESPONSE_TIMEOUT.minusMillis(100), IDLE_TIMEOUT.minusMillis(500));
    }

    @Test
    void aStreamThatKeepsSendingOutlivesBothTimeouts() {
        int events = 10; // one every 400 ms: 3.6 s in all, longer than the response and the idle timeout
        long start = System.nanoTime();

        List<String> received = client.get().uri("/slow/stream/" + events + "/400").retrieve()
                .bodyToFlux(String.class).collectList().block(Duration.ofSeconds(15));

        // WebClient reads text/event-stream as events: their data, in order
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, events).mapToObj(String::valueOf).toList());
        assertThat(since(start)).isGreaterThan(IDLE_TIMEOUT);
    }

    @Test
    void aStreamThatFallsSilentIsCutAfterTheIdleTimeout() {
        AtomicLong firstEvent = new AtomicLong();
        Flux<String> stream = client.get().uri("/slow/stall").retrieve().bodyToFlux(String.class)
                .doOnNext(event -> firstEvent.compareAndSet(0, System.nanoTime()));

        assertThatThrownBy(() -> stream.blockLast(Duration.ofSeconds(15)))
                .hasMessageContaining("Connection prematurely closed");

        assertThat(firstEvent.get()).isNotZero();
        assertThat(since(firstEvent.get())).isBetween(IDLE_TIMEOUT.minusMillis(100), IDLE_TIMEOUT.multipliedBy(2));
    }

    @Test
    void anUploadThatStallsIsCutAfterTheIdleTimeoutWithA504() {
        AtomicLong lastChunk = new AtomicLong();
        Flux<DataBuffer> stalling = chunks(3).doOnComplete(() -> lastChunk.set(System.nanoTime()))
                .concatWith(Flux.never());

        ResponseEntity<String> response = client.post().uri("/slow/upload").body(stalling, DataBuffer.class)
                .exchangeToMono(r -> r.toEntity(String.class)).block(Duration.ofSeconds(15));

        assertThat(response.getStatusCode().value()).isEqualTo(504);
        JsonNode error = JSON.readTree(response.getBody()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("upstream_timeout");
        assertThat(error.get("message").asString()).contains("no bytes moved");
        assertThat(since(lastChunk.get())).isBetween(IDLE_TIMEOUT.minusMillis(100), IDLE_TIMEOUT.multipliedBy(2));
    }

    private static ResponseEntity<String> upload(String path, int chunks) {
        return client.post().uri(path).body(chunks(chunks), DataBuffer.class)
                .exchangeToMono(r -> r.toEntity(String.class)).block(Duration.ofSeconds(15));
    }

    /** {@code count} chunks of 1 KiB, one every 100 ms, the first one at once. */
    private static Flux<DataBuffer> chunks(int count) {
        return Flux.interval(Duration.ZERO, STEP).take(count)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[CHUNK]));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
