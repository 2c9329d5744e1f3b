package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.time.temporal.ChronoUnit.DAYS;
import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.cli.BuildFarmAnswers;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import dev.skyport.cli.output.Json;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** status, logs --build, stop, start and delete against WireMock stubs of docs/api.md. */
class AppCommandsTest {

    static final String API = BuildFarmAnswers.microservice("api", MicroserviceStatus.RUNNING, "serving d-1", "/api",
            "d-1");
    static final String IMAGE_B = "127.0.0.1:15000/shop/api@sha256:" + "b".repeat(64);
    static final String IMAGE_A = "127.0.0.1:15000/shop/api@sha256:" + "a".repeat(64);
    static final String WEB = BuildFarmAnswers.microservice("web", MicroserviceStatus.BUILD_FAILED, "npm ci exited 1",
            null, "d-2");

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
        platform.stubFor(get("/_controller/v1/apps/shop/microservices").willReturn(json(200,
                "{\"microservices\":[" + API + "," + WEB + "]}")));
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/api").willReturn(json(200,
                "{\"microservice\":" + API + "}")));
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/api/rollback-targets").willReturn(json(200,
                BuildFarmAnswers.rollbackTargets("d-1",
                        new RollbackTarget("d-0b", "ab".repeat(32), IMAGE_B,
                                Instant.now().minus(5, MINUTES).minusSeconds(30)),
                        new RollbackTarget("d-0a", "0123456789abcdef".repeat(4), IMAGE_A,
                                Instant.now().minus(2, DAYS).minus(3, HOURS))))));
    }

    @Test
    void statusShowsATableOfTheAppsMicroservices() {
        CliRun.Result result = cli.run("app", "status");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME  STATUS        URL                         MESSAGE
                api   running       http://127.0.0.1:8080/api/  serving d-1
                web   build_failed                              npm ci exited 1
                """);
    }

    @Test
    void statusPrintsJsonAndOneMicroservice() {
        CliRun.Result all = cli.run("app", "status", "-o", "json");
        assertThat(all.out()).contains("\"microservices\" : [", "\"name\" : \"web\"");

        CliRun.Result one = cli.run("app", "status", "api", "--output=json");
        assertThat(one.out()).contains("\"microservice\" : {", "\"status\" : \"running\"").doesNotContain("web");
    }

    @Test
    void statusOfOneMicroserviceListsWhatItCanRollBackTo() {
        CliRun.Result result = cli.run("app", "status", "api");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME  STATUS   URL                         MESSAGE
                api   running  http://127.0.0.1:8080/api/  serving d-1

                DEPLOYMENT  AGE  SOURCE        IMAGE
                d-0b        5m   abababababab  %s
                d-0a        2d   0123456789ab  %s
                """.formatted(IMAGE_B, IMAGE_A));
    }

    @Test
    void statusSaysWhenThereIsNothingToRollBackTo() {
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/web").willReturn(json(200,
                "{\"microservice\":" + WEB + "}")));
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/web/rollback-targets").willReturn(json(200,
                BuildFarmAnswers.rollbackTargets(null))));

        CliRun.Result result = cli.run("app", "status", "web");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).endsWith("npm ci exited 1\n\nno rollback targets: no earlier deployment of web is"
                + " built with its image still kept\n");
    }

    @Test
    void statusJsonOfOneMicroserviceAddsTheRollbackTargets() {
        CliRun.Result result = cli.run("app", "status", "api", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Json.parseOrNull(result.out()).propertyNames()).containsExactly("microservice", "rollbackTargets");
        assertThat(result.out()).contains("\"rollbackTargets\" : [ {", "\"deployment\" : \"d-0b\"",
                "\"image\" : \"" + IMAGE_A + "\"");
    }

    @Test
    void statusWorksWithoutSkygearYamlGivenAnApp() {
        platform.stubFor(get("/_controller/v1/apps/other/microservices").willReturn(json(200,
                "{\"microservices\":[]}")));

        CliRun.Result result = cli.run("app", "status", "--app", "other", "-f", "missing.yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("app other has no microservices yet");
    }

    @Test
    void anUnknownMicroserviceIsAFailureWithTheBuildFarmsReason() {
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/nope").willReturn(json(404,
                "{\"error\":{\"code\":\"microservice_not_found\",\"message\":\"no microservice nope in app shop\","
                        + "\"details\":{}}}")));

        CliRun.Result result = cli.run("app", "status", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no microservice nope in app shop (404 microservice_not_found)");
    }

    @Test
    void anAnswerOutsideTheContractIsAFailureThatSaysSo() {
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/odd").willReturn(json(200,
                "{\"microservice\":{\"app\":\"shop\",\"name\":\"odd\",\"status\":\"sleeping\"}}")));

        CliRun.Result result = cli.run("app", "status", "odd");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("reading microservice odd: the build farm answered what skycli cannot read",
                "check that skycli and the platform are of the same version");
    }

    @Test
    void logsWithBuildPrintsTheLatestDeploymentsLog() {
        platform.stubFor(get("/_controller/v1/apps/shop/deployments/d-1/logs?follow=false").willReturn(sse(
                "id: 1\nevent: log\ndata: Step 1/2\n\nid: 2\nevent: status\ndata: {\"status\":\"built\","
                        + "\"message\":\"pushed\"}\n\n")));

        CliRun.Result text = cli.run("app", "logs", "api", "--build");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("Step 1/2\n--- built: pushed\n");

        CliRun.Result json = cli.run("app", "logs", "api", "--build", "-o", "json");
        assertThat(json.out()).contains("{\"id\":\"1\",\"event\":\"log\",\"data\":\"Step 1/2\"}",
                "{\"id\":\"2\",\"event\":\"status\",\"data\":{\"status\":\"built\",\"message\":\"pushed\"}}");
    }

    @Test
    void logsWithBuildFollowsUntilTheDeploymentFinishes() {
        platform.stubFor(get("/_controller/v1/apps/shop/deployments/d-1/logs?follow=true").willReturn(sse(
                "id: 7\nevent: log\ndata: ready\n\nid: 8\nevent: status\ndata: {\"status\":\"running\"}\n\n")));

        CliRun.Result result = cli.run("app", "logs", "api", "--build", "--follow");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("ready\n--- running\n");
    }

    @Test
    void logsOfADeploymentShowItsBuildLog() {
        platform.stubFor(get("/_controller/v1/apps/shop/deployments/d-0a/logs?follow=false").willReturn(sse(
                "id: 1\nevent: log\ndata: Step 2/2\n\nid: 2\nevent: status\ndata: {\"status\":\"superseded\"}\n\n")));

        CliRun.Result result = cli.run("app", "logs", "api", "--deployment", "d-0a");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Step 2/2\n--- superseded\n");
    }

    @Test
    void stopAndStartShowTheNewStatus() {
        platform.stubFor(post("/_controller/v1/apps/shop/microservices/api/stop").willReturn(json(200,
                BuildFarmAnswers.microserviceAnswer("api", MicroserviceStatus.STOPPED, "stopped by skycli", null))));
        platform.stubFor(post("/_controller/v1/apps/shop/microservices/api/start").willReturn(json(200,
                "{\"microservice\":" + API + "}")));

        CliRun.Result stop = cli.run("app", "stop", "api");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).isEqualTo("api: stopped: stopped by skycli\n");

        CliRun.Result start = cli.run("app", "start", "api");
        assertThat(start.exitCode()).isZero();
        assertThat(start.out()).isEqualTo("api: running at http://127.0.0.1:8080/api/\n");
    }

    @Test
    void deleteAsksForConfirmation() {
        platform.stubFor(delete("/_controller/v1/apps/shop/microservices/api").willReturn(aResponse().withStatus(204)));

        CliRun.Result declined = cli.input("n\n", true).run("app", "delete", "api");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err()).contains("Delete microservice api of app shop", "not deleted");
        platform.verify(0, deleteRequestedFor(anyUrl()));

        CliRun.Result accepted = cli.input("y\n", true).run("app", "delete", "api");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.out()).isEqualTo("api: deleted\n");
        platform.verify(1, deleteRequestedFor(urlEqualTo("/_controller/v1/apps/shop/microservices/api")));
    }

    @Test
    void deleteWithoutATerminalNeedsYes() {
        platform.stubFor(delete("/_controller/v1/apps/shop/microservices/api").willReturn(aResponse().withStatus(204)));

        CliRun.Result refused = cli.input("y\n", false).run("app", "delete", "api");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("needs confirmation; run it in a terminal or pass --yes");

        assertThat(cli.run("app", "delete", "api", "--yes").exitCode()).isZero();
    }

    @Test
    void rejectsANameThatCannotBeAMicroservice() {
        CliRun.Result result = cli.run("app", "stop", "Not_A_Name");

        assertThat(result.exitCode()).isEqualTo(2);
        platform.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aForbiddenTokenExitsThree() {
        platform.stubFor(get("/_controller/v1/apps/shop/microservices").willReturn(json(403,
                "{\"error\":{\"code\":\"forbidden\",\"message\":\"token scope app:blog does not cover app shop\","
                        + "\"details\":{}}}")));

        CliRun.Result result = cli.run("app", "status");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("the token may not do this: token scope app:blog does not cover app shop");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
