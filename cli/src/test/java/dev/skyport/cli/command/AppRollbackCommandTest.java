package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.cli.BuildFarmAnswers;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code skycli app rollback} against WireMock stubs of the build farm. */
class AppRollbackCommandTest {

    static final String ROLLBACK = "/_controller/v1/apps/shop/microservices/api/rollback";
    static final String TARGETS = "/_controller/v1/apps/shop/microservices/api/rollback-targets";
    static final String NEW_LOG = "/_controller/v1/apps/shop/deployments/d-3/logs?follow=true";
    static final String OLD_IMAGE = "127.0.0.1:15000/shop/api@sha256:" + "1".repeat(64);

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
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/api").willReturn(json(200,
                BuildFarmAnswers.microserviceAnswer("api", MicroserviceStatus.RUNNING, "serving d-3", "/api"))));
    }

    @Test
    void startsTheEarlierImageAsANewDeploymentAndFollowsItUntilItRuns() {
        platform.stubFor(post(ROLLBACK).willReturn(json(202, BuildFarmAnswers.rollbackStarted("d-3", "api",
                OLD_IMAGE))));
        platform.stubFor(get(TARGETS).willReturn(json(200, BuildFarmAnswers.rollbackTargets("d-2",
                new RollbackTarget("d-3", "cd".repeat(32), OLD_IMAGE, Instant.parse("2026-12-02T12:00:00Z")),
                new RollbackTarget("d-1", "cd".repeat(32), OLD_IMAGE, Instant.parse("2026-12-01T12:00:00Z"))))));
        platform.stubFor(get(NEW_LOG).willReturn(sse(status(1, "built", "rolled back to the image of d-1")
                + "id: 2\nevent: log\ndata: listening on 8080\n\n" + status(3, "running", "serving d-3"))));

        CliRun.Result result = cli.run("app", "rollback", "api");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                api: rolling back to d-1 as d-3
                api: built: rolled back to the image of d-1
                api | listening on 8080
                api: running: serving d-3
                api: running at http://127.0.0.1:8080/api/
                """);
        platform.verify(postRequestedFor(urlEqualTo(ROLLBACK)).withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(equalToJson("{}")));
    }

    @Test
    void sendsTheChosenDeploymentAndFailsWhenTheRollbackDoesNotRun() {
        platform.stubFor(post(ROLLBACK).willReturn(json(202, BuildFarmAnswers.rollbackStarted("d-3", "api",
                OLD_IMAGE))));
        platform.stubFor(get(NEW_LOG).willReturn(sse(status(1, "built", "starting")
                + status(2, "deploy_failed", "not ready after 60s; d-2 keeps serving"))));

        CliRun.Result result = cli.run("app", "rollback", "api", "--to", "d-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).startsWith("api: rolling back to d-1 as d-3\n")
                .endsWith("api: rollback failed (deploy_failed): not ready after 60s; d-2 keeps serving\n");
        platform.verify(postRequestedFor(urlEqualTo(ROLLBACK)).withRequestBody(equalToJson("{\"to\":\"d-1\"}")));
        platform.verify(0, getRequestedFor(urlEqualTo(TARGETS)));
    }

    @Test
    void aRemovedImageFailsWithTheBuildFarmsMessageNamingTheTargets() {
        platform.stubFor(post(ROLLBACK).willReturn(json(409, "{\"error\":{\"code\":\"image_not_retained\","
                + "\"message\":\"the image of d-1 was removed by retention; roll back to d-4 or d-5 instead\","
                + "\"details\":{\"targets\":[\"d-4\",\"d-5\"]}}}")));

        CliRun.Result result = cli.run("app", "rollback", "api", "--to", "d-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("error: rolling back api: the image of d-1 was removed by retention; roll"
                + " back to d-4 or d-5 instead (409 image_not_retained)");
        platform.verify(0, getRequestedFor(urlPathMatching(".*/logs.*")));
    }

    @Test
    void anEmptyToIsAUsageError() {
        CliRun.Result result = cli.run("app", "rollback", "api", "--to", " ");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--to is empty; give a deployment id");
    }

    private static String status(int id, String status, String message) {
        return "id: " + id + "\nevent: status\ndata: {\"status\":\"" + status + "\",\"message\":\"" + message
                + "\"}\n\n";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
