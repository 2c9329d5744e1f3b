package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code skycli app logs ITEM}: the running instances' log, against WireMock stubs of the build farm. */
class AppLogsCommandTest {

    static final String LOGS = "/_controller/v1/apps/shop/microservices/api/logs";
    static final String POD_A = "skyport-shop-api-d-20261202t120000-ab12";
    static final String POD_B = "skyport-shop-api-d-20261202t120000-cd34";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliRun(dir).endpoint(platform.baseUrl());
        Projects.dockerfileApp(cli.workingDirectory());
    }

    @Test
    void printsTheInstancesLinesNamingInstancesOnlyOnceThereIsMoreThanOne() {
        platform.stubFor(get(LOGS + "?follow=false").withHeader("Accept", equalTo("text/event-stream"))
                .willReturn(sse(line("e1", "2026-12-02T12:00:00.123456789Z", POD_A, "GET /")
                        + ": keep-alive\n\n"
                        + line("e2", "2026-12-02T12:00:01Z", POD_A, "GET /health")
                        + line("e3", "2026-12-02T12:00:02.5Z", POD_B, "started")
                        + dropped(120, "the reader was too slow; 120 lines were left out")
                        + line("e4", "2026-12-02T12:00:03.000999Z", POD_A, "GET /again"))));

        CliRun.Result result = cli.run("app", "logs", "api");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                2026-12-02T12:00:00.123Z GET /
                2026-12-02T12:00:01.000Z GET /health
                2026-12-02T12:00:02.500Z [%s] started
                2026-12-02T12:00:03.000Z [%s] GET /again
                """.formatted(POD_B, POD_A));
        assertThat(result.err()).isEqualTo("api: 120 lines left out: the reader was too slow; 120 lines were left"
                + " out\n");
    }

    @Test
    void printsOneJsonObjectPerEvent() {
        platform.stubFor(get(LOGS + "?follow=false").willReturn(sse(
                line("e1", "2026-12-02T12:00:00.123456789Z", POD_A, "GET /") + dropped(3, "too slow"))));

        CliRun.Result result = cli.run("app", "logs", "api", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                {"id":"e1","event":"log","data":{"time":"2026-12-02T12:00:00.123456789Z","instance":"%s",\
                "stream":"stdout","text":"GET /"}}
                {"id":null,"event":"dropped","data":{"lines":3,"message":"too slow"}}
                """.formatted(POD_A));
        assertThat(result.err()).contains("api: 3 lines left out: too slow");
    }

    @Test
    void passesSinceAndTailToTheBuildFarm() {
        platform.stubFor(get(urlPathEqualTo(LOGS)).willReturn(sse(line("e1", "2026-12-02T12:00:00Z", POD_A, "x"))));

        assertThat(cli.run("app", "logs", "api", "--since", "2026-12-02T13:00:00+01:00", "--tail", "5").exitCode())
                .isZero();
        assertThat(cli.run("app", "logs", "api", "--since=10m").exitCode()).isZero();

        platform.verify(getRequestedFor(urlPathEqualTo(LOGS)).withQueryParam("follow", equalTo("false"))
                .withQueryParam("since", equalTo("2026-12-02T13:00:00+01:00")).withQueryParam("tail", equalTo("5")));
        platform.verify(getRequestedFor(urlEqualTo(LOGS + "?follow=false&since=10m")));
    }

    @Test
    void sinceAndTailDoNotMixWithTheBuildLog() {
        CliRun.Result build = cli.run("app", "logs", "api", "--since", "10m", "--build");
        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.err()).contains("--since cannot be used with --build");

        CliRun.Result deployment = cli.run("app", "logs", "api", "--tail", "3", "--since", "1h", "--deployment", "d-1");
        assertThat(deployment.exitCode()).isEqualTo(2);
        assertThat(deployment.err()).contains("--since and --tail cannot be used with --deployment");

        platform.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void rejectsASinceOrTailThatCannotWorkBeforeAskingTheBuildFarm() {
        CliRun.Result since = cli.run("app", "logs", "api", "--since", "10 minutes");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("--since '10 minutes' is neither a duration", "10m",
                "2026-12-02T12:00:00Z");

        CliRun.Result tail = cli.run("app", "logs", "api", "--tail=-1");
        assertThat(tail.exitCode()).isEqualTo(2);
        assertThat(tail.err()).contains("--tail -1 is negative");

        platform.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void showsTheBuildFarmsReasonForARefusedSince() {
        platform.stubFor(get(urlPathEqualTo(LOGS)).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"code\":\"invalid_since\",\"message\":\"since 2025-01-01T00:00:00Z is before the"
                        + " oldest line kept\",\"details\":{}}}")));

        CliRun.Result result = cli.run("app", "logs", "api", "--since", "2025-01-01T00:00:00Z");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("reading the log of api: since 2025-01-01T00:00:00Z is before the oldest"
                + " line kept (400 invalid_since)");
    }

    @Test
    void followingResumesAfterTheLastLineWhenTheStreamBreaksOff() {
        stubFollow(null, sse(line("e1", "2026-12-02T12:00:00Z", POD_A, "first")
                + line("e2", "2026-12-02T12:00:01Z", POD_A, "second")));
        stubFollow("e2", sse(line("e3", "2026-12-02T12:00:02Z", POD_A, "third")));
        // then the microservice is deleted, which ends following
        stubFollow("e3", aResponse().withStatus(404).withBody("{\"error\":{\"code\":\"microservice_not_found\","
                + "\"message\":\"no microservice api in app shop\",\"details\":{}}}"));

        CliRun.Result result = cli.run("app", "logs", "api", "-F");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("""
                2026-12-02T12:00:00.000Z first
                2026-12-02T12:00:01.000Z second
                2026-12-02T12:00:02.000Z third
                """);
        assertThat(result.err()).contains("api: reconnecting to the log of api (the log stream ended)",
                "error: reading the log of api: no microservice api in app shop (404 microservice_not_found)");
        platform.verify(1, getRequestedFor(urlEqualTo(LOGS + "?follow=true")).withHeader("Last-Event-ID", absent()));
        platform.verify(1, getRequestedFor(urlEqualTo(LOGS + "?follow=true")).withHeader("Last-Event-ID",
                equalTo("e2")));
    }

    private static void stubFollow(String lastEventId, ResponseDefinitionBuilder answer) {
        platform.stubFor(get(LOGS + "?follow=true")
                .withHeader("Last-Event-ID", lastEventId == null ? absent() : equalTo(lastEventId))
                .willReturn(answer));
    }

    private static String line(String id, String time, String instance, String text) {
        return "event: log\nid: " + id + "\ndata: {\"time\":\"" + time + "\",\"instance\":\"" + instance
                + "\",\"stream\":\"stdout\",\"text\":\"" + text + "\"}\n\n";
    }

    private static String dropped(long lines, String message) {
        return "event: dropped\ndata: {\"lines\":" + lines + ",\"message\":\"" + message + "\"}\n\n";
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
