package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.catalog.docker.StandInImages;
import dev.skyport.e2e.support.DockerState;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A runtime item: no Dockerfile in the project; skycli merges the catalog's python/3.11 template into the
 * context and the build farm builds that. The official {@code python:3.11-slim-bookworm} cannot be pulled
 * here, so a stand-in made from this machine's Python 3.11 is tagged under that name for the test.
 */
class RuntimeTemplateDeployIT {

    private static final String APP_PY = """
            import os
            import platform
            from http.server import BaseHTTPRequestHandler, HTTPServer

            PORT = int(os.environ["PORT"])


            class Hello(BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("python %s says hello on port %d\\n" % (platform.python_version(), PORT)).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)


            HTTPServer(("0.0.0.0", PORT), Hello).serve_forever()
            """;

    @Test
    void deploysAPythonRuntimeItemFromTheCatalogTemplate() throws IOException {
        Platform platform = Platform.get();
        Skycli skycli = platform.skycli();
        GatewayClient http = platform.http();
        String app = Projects.appName("runtime");
        Path project = Projects.write(Files.createDirectories(platform.work().resolve("projects").resolve(app)), Map.of(
                "app.py", APP_PY,
                "skygear.yaml", """
                        app: %s
                        deployments:
                          greeter:
                            type: http-service
                            path: /greet
                            port: 9000
                            context: .
                            runtime: python
                            runtime_version: "3.11"
                        """.formatted(app)));

        // The app goes before the stand-in: closing the stand-in removes the image the app was built on.
        try (StandInImages.Seeded base = StandInImages.python("3.11", baseImageOf("python/3.11"),
                DevServices.get().dockerHost())) {
            try {
                Skycli.Result deploy = skycli.run(project, "app", "deploy");

                assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
                assertThat(deploy.stdout()).contains("greeter: running at ");
                HttpResponse<String> answer = http.get(app, "/greet/");
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).matches("python 3\\.11\\.\\d+ says hello on port 9000\n");
                JsonNode record = http.microservice(app, "greeter");
                assertThat(http.logLines(app, record.get("currentDeployment").asString()))
                        .contains("skyport: no requirements.txt, Pipfile, pyproject.toml or setup.py: nothing to install");
                String catalogDigest = GatewayClient.json(http.getPlatform("/_templates/v1/templates/python/3.11").body())
                        .get("sha256").asString();
                try (DockerState docker = new DockerState()) {
                    assertThat(docker.runningImageLabels(app))
                            .containsEntry("dev.skyport.template.runtime", "python")
                            .containsEntry("dev.skyport.template.version", "3.11")
                            .containsEntry("dev.skyport.template.digest", "sha256:" + catalogDigest);
                }
            } finally {
                skycli.run(project, "app", "delete", "greeter", "--yes");
            }
        }
    }

    /** The image the shipped template's Dockerfile starts FROM. */
    private static String baseImageOf(String template) throws IOException {
        String dockerfile = Files.readString(RepositoryRoot.find().resolve("templates").resolve(template).resolve("Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)$").matcher(dockerfile);
        if (!from.find()) {
            throw new IllegalStateException("templates/" + template + "/Dockerfile has no FROM line");
        }
        return from.group(1);
    }
}
