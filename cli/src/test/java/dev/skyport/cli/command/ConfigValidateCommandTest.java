package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import dev.skyport.testing.FreePorts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateCommandTest {

    static final String CATALOG = """
            {"runtimes":[{"name":"nodejs","default":"22","versions":[
              {"version":"8","eol":true,"default":false,"sha256":"aa","size":10},
              {"version":"22","eol":false,"default":true,"sha256":"bb","size":10}]},
             {"name":"python","default":"3.12","versions":[
              {"version":"3.12","eol":false,"default":true,"sha256":"cc","size":10}]}]}
            """;

    @RegisterExtension
    static WireMockExtension catalog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void acceptsAValidProjectAndExitsZero() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());

        CliRun.Result result = cli.run("config", "validate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("skygear.yaml is valid: app shop, 1 item (api)");
    }

    @Test
    void listsEveryProblemWithFileLineItemAndKeyAndExitsTwo() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.write(cli.workingDirectory(), "skygear.yaml", """
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: api
                    prot: 8080
                    context: ./missing
                """);

        CliRun.Result result = cli.run("config", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(
                "error: skygear.yaml:5:11: item 'api', key 'path': path 'api' must start with '/'; write path: /api",
                "error: skygear.yaml:6:5: item 'api', key 'prot': unknown key 'prot' in an item; did you mean 'port'?",
                "skygear.yaml: 3 problems");
    }

    @Test
    void checksContextsAndDockerfilesOnDisk() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        java.nio.file.Files.delete(cli.workingDirectory().resolve("api/Dockerfile"));

        CliRun.Result result = cli.run("config", "validate", "--file", "skygear.yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("skygear.yaml:7:5: item 'api', key 'context': no Dockerfile at");
    }

    @Test
    void reportsAMalformedDockerignoreLine() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        Projects.write(cli.workingDirectory(), "api/.dockerignore", "ok\n[oops\n");

        CliRun.Result result = cli.run("config", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("./api/.dockerignore:2: pattern '[oops' is malformed");
    }

    @Test
    void checksRuntimesAgainstTheCatalogWhenAnEndpointIsConfigured() throws Exception {
        catalog.stubFor(get("/_templates/v1/templates").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CATALOG)));
        CliRun cli = new CliRun(dir).endpoint(catalog.baseUrl());
        runtimeProject(cli, "runtime: nodjs");

        CliRun.Result unknown = cli.run("config", "validate");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("skygear.yaml:8:5: item 'web', key 'runtime': runtime 'nodjs' is not in the"
                + " template catalog; did you mean 'nodejs'? the runtimes are: nodejs, python");

        runtimeProject(cli, "runtime: nodejs\n    runtime_version: 9");
        assertThat(cli.run("config", "validate").err()).contains("runtime_version '9' is not a nodejs version;"
                + " the versions are: 8, 22 (default 22)");

        runtimeProject(cli, "runtime: nodejs\n    runtime_version: 8");
        CliRun.Result eol = cli.run("config", "validate");
        assertThat(eol.exitCode()).isZero();
        assertThat(eol.err()).contains("warning: item 'web': nodejs 8 is end-of-life; move to runtime_version: \"22\"");
    }

    @Test
    void saysRuntimesCouldNotBeCheckedOfflineAndStillPasses() throws Exception {
        CliRun cli = new CliRun(dir);
        runtimeProject(cli, "runtime: anything");

        CliRun.Result noEndpoint = cli.run("config", "validate");
        assertThat(noEndpoint.exitCode()).as(noEndpoint.toString()).isZero();
        assertThat(noEndpoint.err()).contains("note: runtime names and versions could not be checked: no endpoint is"
                + " configured");

        CliRun.Result unreachable = cli.endpoint("http://127.0.0.1:" + FreePorts.next()).run("config", "validate");
        assertThat(unreachable.exitCode()).isZero();
        assertThat(unreachable.err()).contains("note: runtime names and versions could not be checked: cannot reach");
    }

    @Test
    void printsJsonForScripts() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        Projects.write(cli.workingDirectory(), "broken.yaml", "app: Shop\ndeployments: {}\n");

        CliRun.Result valid = cli.run("config", "validate", "-o", "json");
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).contains("\"valid\" : true", "\"command\" : [ \"node\", \"server.js\" ]");

        CliRun.Result invalid = cli.run("config", "validate", "--output", "json", "-f", "broken.yaml");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.out()).contains("\"valid\" : false", "\"line\" : 1", "\"key\" : \"app\"");
    }

    @Test
    void reportsAMissingFile() throws Exception {
        CliRun.Result result = new CliRun(dir).run("config", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("skygear.yaml: not found in");
    }

    private static void runtimeProject(CliRun cli, String runtimeLines) throws Exception {
        Projects.write(cli.workingDirectory(), "skygear.yaml", """
                app: shop
                deployments:
                  web:
                    type: http-service
                    path: /
                    port: 3000
                    context: ./web
                """ + "    " + runtimeLines + "\n");
        Projects.write(cli.workingDirectory(), "web/index.js", "x\n");
    }
}
