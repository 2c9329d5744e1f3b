package dev.skyport.cli.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.skyport.cli.CliRun;
import dev.skyport.cli.Projects;
import dev.skyport.cli.TemplateTarballs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ContextListCommandTest {

    @RegisterExtension
    static WireMockExtension catalog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void printsTheFilesSentSortedAndASummaryOnStderr() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());

        CliRun.Result result = cli.run("context", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(".dockerignore\nDockerfile\nlib/util.js\nserver.js\n");
        assertThat(result.err()).contains("4 files, ", "from " + cli.workingDirectory().resolve("api"),
                "(2 directories read)", "largest directories: lib/ (20 B)");
    }

    @Test
    void warnsAboutDirectoriesImagesRarelyNeedAndSuggestsIgnoreLines() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        Projects.write(cli.workingDirectory(), "api/.dockerignore", "*.log\n");
        Projects.write(cli.workingDirectory(), "api/.git/HEAD", "ref\n");
        Projects.write(cli.workingDirectory(), "api/sub/target/app.jar", "jar\n");

        CliRun.Result result = cli.run("context", "list", "api");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("node_modules/left-pad/index.js", ".git/HEAD");
        assertThat(result.err()).contains("warning: the context sends .git, node_modules, sub/target, which images"
                + " rarely need; add to .dockerignore:\n    .git\n    node_modules\n    **/target");
    }

    @Test
    void warnsWhenTheContextIsLarge() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        try (var file = Files.newByteChannel(cli.workingDirectory().resolve("api/big.bin"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            file.position(150_000_000L).write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }

        CliRun.Result result = cli.run("context", "list");

        assertThat(result.err()).contains("warning: the context is large (5 files, 150 MB)");
    }

    @Test
    void needsAnItemNameWhenThereAreSeveral() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());
        Projects.write(cli.workingDirectory(), "skygear.yaml", Files.readString(cli.workingDirectory()
                .resolve("skygear.yaml")) + "  web:\n    type: http-service\n    path: /\n    port: 80\n    context: ./api\n");

        CliRun.Result result = cli.run("context", "list");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("skygear.yaml has 2 items (api, web); name one: skycli context list <item>");

        assertThat(cli.run("context", "list", "nope").err()).contains("no item 'nope' in skygear.yaml; the items are:"
                + " api, web");
    }

    @Test
    void printsJson() throws Exception {
        CliRun cli = new CliRun(dir);
        Projects.dockerfileApp(cli.workingDirectory());

        CliRun.Result result = cli.run("context", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"files\" : [ \".dockerignore\", \"Dockerfile\", \"lib/util.js\","
                + " \"server.js\" ]", "\"fileCount\" : 4", "\"directoriesRead\" : 2");
    }

    @Test
    void mergesTheRuntimeTemplateWithTheUsersFiles() throws Exception {
        byte[] tarball = TemplateTarballs.nodejs("22");
        catalog.stubFor(get("/_templates/v1/templates/nodejs.tar.gz").willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"" + TemplateTarballs.sha256(tarball) + "\"")
                .withHeader("X-Skyport-Template-Runtime", "nodejs").withHeader("X-Skyport-Template-Version", "22")
                .withHeader("X-Skyport-Template-Eol", "false").withBody(tarball)));
        CliRun cli = new CliRun(dir).endpoint(catalog.baseUrl());
        Projects.write(cli.workingDirectory(), "skygear.yaml", """
                app: shop
                deployments:
                  web:
                    type: http-service
                    path: /
                    port: 3000
                    context: web
                    runtime: nodejs
                """);
        Projects.write(cli.workingDirectory(), "web/index.js", "x\n");
        Projects.write(cli.workingDirectory(), "web/app.log", "x\n");
        Projects.write(cli.workingDirectory(), "web/node_modules/x.js", "x\n");
        Projects.write(cli.workingDirectory(), "web/secret.env", "x\n");
        Projects.write(cli.workingDirectory(), "web/.skyignore", "*.env\n");

        CliRun.Result result = cli.run("context", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(".dockerignore\n.skyignore\n.skyport/start.sh\nDockerfile\nindex.js\n");
        assertThat(result.err()).contains("merged with the nodejs 22 template");
    }

    @Test
    void namesAUserFileThatCollidesWithTheTemplate() throws Exception {
        byte[] tarball = TemplateTarballs.nodejs("22");
        catalog.stubFor(get("/_templates/v1/templates/nodejs/22.tar.gz").willReturn(aResponse().withStatus(200)
                .withHeader("X-Skyport-Template-Runtime", "nodejs").withHeader("X-Skyport-Template-Version", "22")
                .withBody(tarball)));
        CliRun cli = new CliRun(dir).endpoint(catalog.baseUrl());
        Projects.write(cli.workingDirectory(), "skygear.yaml", """
                app: shop
                deployments:
                  web: {type: http-service, path: /, port: 3000, context: web, runtime: nodejs, runtime_version: 22}
                """);
        Projects.write(cli.workingDirectory(), "web/Dockerfile", "FROM scratch\n");

        CliRun.Result result = cli.run("context", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: 'Dockerfile' is both in your context and in the nodejs 22 template;"
                + " remove or rename yours, or list it in .skyignore");
    }
}
