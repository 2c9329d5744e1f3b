package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.testing.BaseImages;
import dev.skyport.e2e.support.DockerState;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code examples/hello} through the whole platform: skycli deploys it, the build farm builds it without
 * registry credentials, pushes, runs it, and the gateway routes {@code /hello} to it.
 */
class DockerfileDeployIT {

    private static final List<String> APPS = new ArrayList<>();
    private static Platform platform;
    private static Skycli skycli;
    private static GatewayClient http;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        platform = Platform.get();
        skycli = platform.skycli();
        http = platform.http();
    }

    @AfterAll
    static void deleteApps() {
        for (String app : APPS) {
            skycli.run(platform.work(), "app", "delete", "hello", "--app", app, "--yes");
        }
    }

    @Test
    void deploysTheHelloExampleAndServesItThroughTheGateway() {
        String app = app("hello");
        Path project = Projects.hello(app);

        Skycli.Result deploy = skycli.run(project, "app", "deploy");

        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout()).contains("hello: running at ");
        HttpResponse<String> page = http.get(app, "/hello/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hello from Skyport");
        assertThat(http.get(app, "/hello/healthz").statusCode()).isEqualTo(200);
        JsonNode record = http.microservice(app, "hello");
        assertThat(record.get("status").asString()).isEqualTo("running");
        assertThat(record.get("image").asString()).contains("/" + app + "/hello@sha256:");
    }

    @Test
    void aRedeployIsServedWithoutOneFailedRequestAndThenAnswersWithTheNewVersion() throws Exception {
        String app = app("redeploy");
        Path project = Projects.hello(app);
        Projects.write(project, Map.of("www/index.html", "version 1\n"));
        assertThat(skycli.run(project, "app", "deploy").exitCode()).isZero();

        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<List<String>> answers = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); // bounded, whatever happens
            while (!stop.get() && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> response = http.get(app, "/hello/");
                    seen.add(response.statusCode() + " " + response.body().strip());
                } catch (RuntimeException e) {
                    seen.add("error " + e.getMessage());
                }
            }
            return seen;
        });
        Projects.write(project, Map.of("www/index.html", "version 2\n"));
        Skycli.Result redeploy = skycli.run(project, "app", "deploy");
        // The loop goes on until the old container is gone, so it spans the switch and the drain.
        try (DockerState docker = new DockerState()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> docker.containers(app).size() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(app, "/hello/").body().contains("version 2"));
        stop.set(true);
        List<String> seen = answers.get(1, TimeUnit.MINUTES);

        assertThat(redeploy.exitCode()).as(redeploy.toString()).isZero();
        assertThat(seen).hasSizeGreaterThan(20)
                .allSatisfy(answer -> assertThat(answer).isIn("200 version 1", "200 version 2"));
        assertThat(seen.get(seen.size() - 1)).isEqualTo("200 version 2");
        assertThat(http.get(app, "/hello/").body()).isEqualTo("version 2\n");
    }

    @Test
    void aFailedBuildShowsTheFailingLineWhileThePreviousVersionKeepsServing() {
        String app = app("broken");
        Path project = Projects.hello(app);
        Projects.write(project, Map.of("www/index.html", "the good version\n"));
        assertThat(skycli.run(project, "app", "deploy").exitCode()).isZero();
        String goodDeployment = http.microservice(app, "hello").get("currentDeployment").asString();

        Projects.write(project, Map.of("www/index.html", "the broken version\n", "Dockerfile", """
                FROM busybox:1.36
                COPY www/ /www/
                RUN echo "checking the site" && test -f /www/missing.html
                CMD ["sh", "-c", "exec httpd -f -p \\"${PORT:-8080}\\" -h /www"]
                """));
        Skycli.Result broken = skycli.run(project, "app", "deploy");

        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.output()).contains("build_failed").contains("test -f /www/missing.html");
        JsonNode record = http.microservice(app, "hello");
        assertThat(record.get("status").asString()).isEqualTo("build_failed");
        assertThat(record.get("currentDeployment").asString()).isEqualTo(goodDeployment);
        List<String> log = http.logLines(app, record.get("latestDeployment").asString());
        assertThat(log).contains("checking the site").anyMatch(line -> line.contains("test -f /www/missing.html"));
        HttpResponse<String> stillServed = http.get(app, "/hello/");
        assertThat(stillServed.statusCode()).isEqualTo(200);
        assertThat(stillServed.body()).isEqualTo("the good version\n");
    }

    @Test
    void stopAnswers404AtOnceAndDeleteLeavesNothingInRedisOrDocker() {
        String app = app("gone");
        Path project = Projects.hello(app);
        assertThat(skycli.run(project, "app", "deploy").exitCode()).isZero();
        String deployment = http.microservice(app, "hello").get("currentDeployment").asString();

        Skycli.Result stop = skycli.run(project, "app", "stop", "hello");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(http.get(app, "/hello/").statusCode()).isEqualTo(404);
        assertThat(http.microservice(app, "hello").get("status").asString()).isEqualTo("stopped");

        Skycli.Result start = skycli.run(project, "app", "start", "hello");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(http.get(app, "/hello/").statusCode()).isEqualTo(200);

        try (DockerState docker = new DockerState()) {
            assertThat(docker.images(app)).as("the query below finds the app's images while they exist").isNotEmpty();
        }
        Skycli.Result delete = skycli.run(project, "app", "delete", "hello", "--yes");
        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(http.get(app, "/hello/").statusCode()).isEqualTo(404);
        assertThat(http.microservice(app, "hello")).isNull();
        assertThat(platform.redis().keys("*" + app + "*")).isEmpty();
        assertThat(platform.redis().keys("*" + deployment + "*")).isEmpty();
        assertThat(platform.redis().sismember("skyport:apps", app)).isFalse();
        try (DockerState docker = new DockerState()) {
            assertThat(docker.containers(app)).isEmpty();
            assertThat(docker.images(app)).isEmpty();
        }
    }

    private static String app(String prefix) {
        String app = Projects.appName(prefix);
        APPS.add(app);
        return app;
    }
}
