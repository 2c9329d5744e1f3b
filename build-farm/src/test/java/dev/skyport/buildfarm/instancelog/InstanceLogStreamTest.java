package dev.skyport.buildfarm.instancelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.SseStream;
import dev.skyport.buildfarm.testing.SseStream.Event;
import dev.skyport.buildfarm.testing.TestApp;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.memory.InstanceOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET .../microservices/{name}/logs} on the in-memory driver: history with since and tail,
 * following, resuming, the app's own token only, and the bounds: a reader that falls behind loses the
 * oldest lines and is told how many, a stream nobody reads is closed, and streams are counted.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InstanceLogStreamTest {

    private static final int BUFFER = 100;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestBuildFarm farm;
    private TestApp app;
    private InstanceOutput output;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.startInMemory(Map.of(
                "skyport.build-farm.instance-logs.buffer-lines", String.valueOf(BUFFER),
                "skyport.build-farm.instance-logs.heartbeat", "500ms",
                "skyport.build-farm.instance-logs.stall-timeout", "3s",
                "skyport.build-farm.instance-logs.max-streams", "3"));
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @BeforeEach
    void runningApp() {
        app = TestApp.on(farm, "logs");
        app.deployRunning("api");
        output = app.driver().output(app.key("api"));
    }

    @AfterEach
    void deleteApp() {
        app.close();
    }

    private URI logs(String query) {
        return farm.baseUri().resolve("/v1/apps/" + app.name() + "/microservices/api/logs" + query);
    }

    private SseStream open(String query) throws IOException, InterruptedException {
        return open(query, farm.adminToken(), Map.of());
    }

    private SseStream open(String query, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        return new SseStream(logs(query), token, headers);
    }

    private static InstanceLogLine line(Event event) {
        assertThat(event.event()).isEqualTo("log");
        return BuildFarmClient.JSON.readValue(event.data(), InstanceLogLine.class);
    }

    private static List<String> texts(SseStream stream) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        Event event;
        while ((event = stream.nextEvent(WAIT)) != null) {
            texts.add(line(event).text());
        }
        return texts;
    }

    @Test
    void historyHonoursTailAndSinceAndEnds() throws Exception {
        Instant start = Instant.now();
        output.print(new InstanceLogLine(start.minusSeconds(600), "api-1", "stdout", "long ago"));
        output.print(new InstanceLogLine(start.minusSeconds(30), "api-1", "stderr", "a while ago"));
        output.print(new InstanceLogLine(start.minusSeconds(1), "api-1", "stdout", "just now"));

        try (SseStream all = open("")) {
            assertThat(all.status()).isEqualTo(200);
            Event first = all.nextEvent(WAIT);
            InstanceLogLine parsed = line(first);
            assertThat(parsed.instance()).isEqualTo("api-1");
            assertThat(parsed.time()).isEqualTo(start.minusSeconds(600));
            assertThat(first.id()).isEqualTo(start.minusSeconds(600).getEpochSecond() + "."
                    + String.format("%09d", start.getNano()) + "-api-1");
            assertThat(texts(all)).containsExactly("a while ago", "just now");
        }
        try (SseStream since = open("?since=5m")) {
            assertThat(texts(since)).containsExactly("a while ago", "just now");
        }
        try (SseStream tail = open("?tail=1")) {
            assertThat(texts(tail)).containsExactly("just now");
        }
        try (SseStream at = open("?since=" + start.minusSeconds(10))) {
            assertThat(texts(at)).containsExactly("just now");
        }
    }

    @Test
    void followingGetsNewLinesAndResumesAfterTheLastIdSeen() throws Exception {
        output.print("api-1", "before");
        String lastId;
        try (SseStream follow = open("?follow=true")) {
            assertThat(line(follow.nextEvent(WAIT)).text()).isEqualTo("before");
            output.print("api-1", "during");
            output.print("api-2", "from the new instance");
            Event during = follow.nextEvent(WAIT);
            assertThat(line(during).text()).isEqualTo("during");
            lastId = during.id();
            assertThat(line(follow.nextEvent(WAIT)).instance()).isEqualTo("api-2");
            // Heartbeats keep an idle stream open.
            Event idle = follow.next(WAIT);
            assertThat(idle.comment()).isEqualTo("keep-alive");
        }
        output.print("api-1", "while away");
        try (SseStream resumed = open("", farm.adminToken(), Map.of("Last-Event-ID", lastId))) {
            assertThat(texts(resumed)).containsExactly("from the new instance", "while away");
        }
    }

    @Test
    void badParametersAndOtherAppsTokensAreRefused() throws Exception {
        try (SseStream since = open("?since=yesterday")) {
            assertThat(since.status()).isEqualTo(400);
            assertThat(since.errorBody()).contains("invalid_since").contains("10m");
        }
        try (SseStream tail = open("?tail=-3")) {
            assertThat(tail.status()).isEqualTo(400);
            assertThat(tail.errorBody()).contains("invalid_tail");
        }
        try (SseStream resume = open("", farm.adminToken(), Map.of("Last-Event-ID", "12-not-an-id!"))) {
            assertThat(resume.status()).isEqualTo(400);
            assertThat(resume.errorBody()).contains("invalid_last_event_id");
        }
        String otherApp = farm.client().post("/v1/tokens", Map.of("scope", "app:someone-else")).body()
                .get("token").asString();
        try (SseStream foreign = open("?follow=true", otherApp, Map.of())) {
            assertThat(foreign.status()).isEqualTo(403);
        }
        String ownApp = farm.client().post("/v1/tokens", Map.of("scope", "app:" + app.name())).body()
                .get("token").asString();
        output.print("api-1", "mine");
        try (SseStream own = open("", ownApp, Map.of())) {
            assertThat(own.status()).isEqualTo(200);
            assertThat(texts(own)).containsExactly("mine");
        }
        try (SseStream none = new SseStream(farm.baseUri().resolve("/v1/apps/" + app.name()
                + "/microservices/nope/logs"), farm.adminToken(), Map.of())) {
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.errorBody()).contains("microservice_not_found");
        }
    }

    @Test
    void aReaderThatFallsBehindLosesTheOldestLinesAndIsToldHowMany() throws Exception {
        String wide = "x".repeat(1000);
        int printed = 20_000;
        try (SseStream slow = open("?follow=true")) {
            output.print("api-1", "first");
            assertThat(line(slow.nextEvent(WAIT)).text()).isEqualTo("first");
            // Not reading now: far more than the socket buffers and the build farm's buffer can hold.
            for (int i = 0; i < printed; i++) {
                output.print("api-1", i + " " + wide);
            }
            output.print("api-1", "last");
            long received = 0;
            long dropped = 0;
            Event event;
            while (!"last".equals(text(event = slow.nextEvent(WAIT)))) {
                if ("dropped".equals(event.event())) {
                    JsonNode notice = BuildFarmClient.JSON.readTree(event.data());
                    dropped += notice.get("lines").asLong();
                    assertThat(notice.get("message").asString()).contains("fell more than " + BUFFER + " lines behind");
                } else {
                    received++;
                }
            }
            assertThat(dropped).isPositive();
            assertThat(received + dropped).as("every line is either sent or counted as left out").isEqualTo(printed);
        }
        await().atMost(WAIT).until(() -> output.openStreams() == 0);
    }

    private static String text(Event event) {
        return "log".equals(event.event()) ? line(event).text() : null;
    }

    @Test
    void aStreamWhoseReaderWentAwayOrStoppedReadingIsClosed() throws Exception {
        try (SseStream gone = open("?follow=true")) {
            output.print("api-1", "hello");
            assertThat(line(gone.nextEvent(WAIT)).text()).isEqualTo("hello");
            assertThat(output.openStreams()).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> output.openStreams() == 0);

        try (Socket stalled = new Socket()) {
            // A small receive buffer: loopback autotuning would otherwise take in tens of MB unread.
            stalled.setReceiveBufferSize(8192);
            stalled.connect(new InetSocketAddress("127.0.0.1", farm.port()));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /v1/apps/" + app.name() + "/microservices/api/logs?follow=true HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + farm.adminToken() + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(WAIT).until(() -> output.openStreams() == 1);
            String wide = "y".repeat(1000);
            // The app goes on writing and nothing is read from the socket: once the socket buffers are
            // full, the stream can send nothing, and after the stall timeout (3 s here) it goes.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (int i = 0; i < 100; i++) {
                    output.print("api-1", wide);
                }
                return output.openStreams() == 0;
            });
        }
    }

    @Test
    void atMostMaxStreamsAreOpenAtOnce() throws Exception {
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SseStream stream = open("?follow=true");
                assertThat(stream.status()).isEqualTo(200);
                open.add(stream);
            }
            try (SseStream fourth = open("?follow=true")) {
                assertThat(fourth.status()).isEqualTo(429);
                assertThat(fourth.errorBody()).contains("too_many_log_streams").contains("max-streams");
            }
        } finally {
            open.forEach(SseStream::close);
        }
        await().atMost(WAIT).until(() -> output.openStreams() == 0);
        try (SseStream again = open("")) {
            assertThat(again.status()).isEqualTo(200);
        }
    }
}
