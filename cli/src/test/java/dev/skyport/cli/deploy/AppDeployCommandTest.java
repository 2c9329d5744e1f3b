package dev.skyport.cli.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.cli.BuildFarmAnswers;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import dev.skyport.cli.TemplateTarballs;
import dev.skyport.testing.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code skycli app deploy} against WireMock stubs of docs/api.md and the template catalog. */
class AppDeployCommandTest {

    static final String ARTIFACT = "/_controller/v1/apps/shop/artifacts/[0-9a-f]{64}";
    static final String LOGS = "/_controller/v1/apps/shop/deployments/d-1/logs?follow=true";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void uploadsDeploysStreamsTheLogAndEndsWithTheUrl() throws Exception {
        CliRun cli = project();
        stubUploadAndDeployment(404);
        stubLogs(null, events(status(1, "building", "building image"), log(2, "Step 1/2 : FROM node:22"),
                status(3, "built", "pushed"), status(4, "running", "serving d-1")));
        stubMicroservice();

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("api: archived 4 files", "sha256 ", "api: uploaded ",
                "api: deployment d-1 requested", "api: building: building image", "api | Step 1/2 : FROM node:22",
                "api: running: serving d-1");
        assertThat(lastLine(result.out())).isEqualTo("api: running at http://127.0.0.1:8080/api/");

        LoggedRequest upload = platform.findAll(putRequestedFor(urlPathMatching(ARTIFACT))).get(0);
        String sha256 = upload.getUrl().substring(upload.getUrl().lastIndexOf('/') + 1);
        // WireMock un-gzips request bodies in its journal, so the bytes are checked against `context archive`.
        CliRun.Result archive = cli.run("context", "archive", "--to", "api.tar.gz");
        Path written = cli.workingDirectory().resolve("api.tar.gz");
        assertThat(archive.out()).contains("sha256 " + sha256);
        assertThat(TemplateTarballs.sha256(java.nio.file.Files.readAllBytes(written))).isEqualTo(sha256);
        assertThat(upload.getHeader("Content-Length")).isEqualTo(String.valueOf(java.nio.file.Files.size(written)));
        assertThat(upload.getHeader("Content-Type")).isEqualTo("application/gzip");
        assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer test-token");
        assertThat(entries(upload.getBody())).containsExactly(".dockerignore", "Dockerfile", "lib/", "lib/util.js",
                "server.js");
        platform.verify(postRequestedFor(urlEqualTo("/_controller/v1/apps/shop/microservices/api/deployments"))
                .withRequestBody(equalToJson("{\"artifact\":\"" + sha256 + "\",\"item\":{\"type\":\"http-service\","
                        + "\"path\":\"/api\",\"port\":8080,\"dockerfile\":\"Dockerfile\","
                        + "\"command\":[\"node\",\"server.js\"]}}")));
    }

    @Test
    void skipsTheUploadWhenTheBuildFarmHasTheArchive() throws Exception {
        CliRun cli = project();
        stubUploadAndDeployment(200);
        stubLogs(null, events(status(1, "running", "serving d-1")));
        stubMicroservice();

        CliRun.Result result = cli.run("app", "deploy", "api");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("api: the build farm already has this archive; skipping the upload");
        platform.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void endsAFailedBuildWithTheStatusTheReasonAndTheLastLogLines() throws Exception {
        CliRun cli = project();
        stubUploadAndDeployment(404);
        stubLogs(null, events(status(1, "building", "building image"), log(2, "npm ERR! missing script: start"),
                log(3, "The command '/bin/sh -c npm ci' returned a non-zero code: 1"),
                status(4, "build_failed", "the Dockerfile's RUN npm ci exited 1")));

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("api: last lines of the build log:\n    npm ERR! missing script: start\n"
                + "    The command '/bin/sh -c npm ci' returned a non-zero code: 1\n");
        assertThat(lastLine(result.out()))
                .isEqualTo("api: deploy failed (build_failed): the Dockerfile's RUN npm ci exited 1");
    }

    @Test
    void resumesTheLogFromTheLastEventAfterADisconnect() throws Exception {
        CliRun cli = project();
        stubUploadAndDeployment(404);
        stubLogs(null, events(status(1, "building", "building image"), log(2, "first line")));
        stubLogs("2", events(log(3, "second line"), status(4, "running", "serving d-1")));
        stubMicroservice();

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsOnlyOnce("api | first line").containsOnlyOnce("api | second line");
        assertThat(result.err()).contains("api: reconnecting to the build log");
        assertThat(lastLine(result.out())).isEqualTo("api: running at http://127.0.0.1:8080/api/");
    }

    @Test
    void keepsFollowingWhileTheGatewayCannotReachARestartingBuildFarm() throws Exception {
        CliRun cli = project();
        stubUploadAndDeployment(404);
        stubLogs(null, events(status(1, "building", "building image"), log(2, "first line")));
        // The build farm restarts: the gateway answers 502, then 503, then the stream resumes.
        platform.stubFor(get(LOGS).withHeader("Last-Event-ID", equalTo("2")).inScenario("restart")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("starting")
                .willReturn(aResponse().withStatus(502).withBody("{\"error\":{\"code\":\"upstream_refused\","
                        + "\"message\":\"refused\",\"details\":{}}}")));
        platform.stubFor(get(LOGS).withHeader("Last-Event-ID", equalTo("2")).inScenario("restart")
                .whenScenarioStateIs("starting").willSetStateTo("up").willReturn(aResponse().withStatus(503)));
        platform.stubFor(get(LOGS).withHeader("Last-Event-ID", equalTo("2")).inScenario("restart")
                .whenScenarioStateIs("up").willReturn(sse(events(log(3, "second line"), status(4, "running", "serving")))));
        stubMicroservice();

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsOnlyOnce("api | first line").containsOnlyOnce("api | second line");
        assertThat(result.err()).contains("api: reconnecting to the build log (the gateway could not reach the build"
                + " farm (HTTP 502))", "(HTTP 503)");
        assertThat(lastLine(result.out())).isEqualTo("api: running at http://127.0.0.1:8080/api/");
    }

    @Test
    void deploysARuntimeItemWithTheTemplateAndTheResolvedVersion() throws Exception {
        CliRun cli = new CliRun(dir).endpoint(platform.baseUrl());
        Projects.write(cli.workingDirectory(), "skygear.yaml", """
                app: shop
                deployments:
                  web: {type: http-service, path: /, port: 3000, context: web, runtime: nodejs}
                """);
        Projects.write(cli.workingDirectory(), "web/index.js", "x\n");
        Projects.write(cli.workingDirectory(), "web/node_modules/dep/index.js", "x\n");
        byte[] template = TemplateTarballs.nodejs("22");
        platform.stubFor(get("/_templates/v1/templates/nodejs.tar.gz").willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"" + TemplateTarballs.sha256(template) + "\"")
                .withHeader("X-Skyport-Template-Runtime", "nodejs").withHeader("X-Skyport-Template-Version", "22")
                .withHeader("X-Skyport-Template-Eol", "false").withBody(template)));
        stubUploadAndDeployment(404, "web");
        platform.stubFor(get("/_controller/v1/apps/shop/deployments/d-1/logs?follow=true")
                .willReturn(sse(events(status(1, "running", "serving")))));
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/web").willReturn(aResponse().withStatus(200)
                .withBody(BuildFarmAnswers.microserviceAnswer("web", MicroserviceStatus.RUNNING, "serving d-1", "/"))));

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        LoggedRequest upload = platform.findAll(putRequestedFor(urlPathMatching(ARTIFACT))).get(0);
        assertThat(entries(upload.getBody())).containsExactly(".dockerignore", ".skyport/", ".skyport/start.sh",
                "Dockerfile", "index.js");
        platform.verify(postRequestedFor(urlEqualTo("/_controller/v1/apps/shop/microservices/web/deployments"))
                .withRequestBody(equalToJson("{\"artifact\":\"${json-unit.any-string}\",\"item\":{\"type\":"
                        + "\"http-service\",\"path\":\"/\",\"port\":3000,\"runtime\":\"nodejs\","
                        + "\"runtime_version\":\"22\"},\"templateDigest\":\"sha256:" + TemplateTarballs.sha256(template)
                        + "\"}")));
    }

    @Test
    void exitsThreeWhenTheTokenIsRefused() throws Exception {
        CliRun cli = project();
        platform.stubFor(request("HEAD", urlPathMatching(ARTIFACT)).willReturn(aResponse().withStatus(401)));

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("the endpoint refused the token", "skycli login --token");
    }

    @Test
    void exitsThreeWhenTheEndpointCannotBeReached() throws Exception {
        CliRun cli = project().endpoint("http://127.0.0.1:" + FreePorts.next());

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("cannot reach http://127.0.0.1:", "connection refused");
    }

    @Test
    void exitsTwoOnAConfigProblemBeforeTalkingToAnyone() throws Exception {
        CliRun cli = project();
        Projects.write(cli.workingDirectory(), "skygear.yaml", "app: shop\ndeployments:\n  api: {type: http-service,"
                + " path: /api, port: 80, context: ./nowhere}\n");

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("item 'api', key 'context': context './nowhere' does not exist");
        platform.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void exitsTwoWithoutAnEndpoint() throws Exception {
        CliRun cli = project().env("SKYPORT_ENDPOINT", null);

        CliRun.Result result = cli.run("app", "deploy");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no endpoint configured; run skycli login");
    }

    private CliRun project() throws IOException {
        CliRun cli = new CliRun(dir).endpoint(platform.baseUrl());
        Projects.dockerfileApp(cli.workingDirectory());
        return cli;
    }

    private static void stubUploadAndDeployment(int headStatus) {
        stubUploadAndDeployment(headStatus, "api");
    }

    private static void stubUploadAndDeployment(int headStatus, String name) {
        platform.stubFor(request("HEAD", urlPathMatching(ARTIFACT)).willReturn(aResponse().withStatus(headStatus)));
        platform.stubFor(put(urlPathMatching(ARTIFACT)).withHeader("Authorization", equalTo("Bearer test-token"))
                .willReturn(aResponse().withStatus(201).withBody("{\"artifact\":{\"sha256\":\"x\",\"size\":1,"
                        + "\"entries\":1}}")));
        platform.stubFor(post("/_controller/v1/apps/shop/microservices/" + name + "/deployments")
                .willReturn(aResponse().withStatus(202).withBody(BuildFarmAnswers.queued("d-1", name))));
    }

    private static void stubLogs(String lastEventId, String body) {
        platform.stubFor(get(LOGS).withHeader("Last-Event-ID", lastEventId == null ? absent() : equalTo(lastEventId))
                .withHeader("Accept", equalTo("text/event-stream"))
                .willReturn(sse(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static void stubMicroservice() {
        platform.stubFor(get("/_controller/v1/apps/shop/microservices/api").willReturn(aResponse().withStatus(200)
                .withBody(BuildFarmAnswers.microserviceAnswer("api", MicroserviceStatus.RUNNING, "serving d-1",
                        "/api"))));
    }

    static String events(String... events) {
        return String.join("", events);
    }

    static String status(int id, String status, String message) {
        return "id: " + id + "\nevent: status\ndata: {\"status\":\"" + status + "\",\"message\":\"" + message
                + "\"}\n\n";
    }

    static String log(int id, String line) {
        return "id: " + id + "\nevent: log\ndata: " + line + "\n\n";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** The entry names of an uploaded archive, whether or not WireMock's journal un-gzipped it. */
    private static List<String> entries(byte[] archive) throws IOException {
        List<String> names = new ArrayList<>();
        boolean gzipped = archive.length > 2 && archive[0] == 0x1f && archive[1] == (byte) 0x8b;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzipped
                ? new GZIPInputStream(new ByteArrayInputStream(archive)) : new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
