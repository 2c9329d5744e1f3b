package dev.skyport.buildfarm.lifecycle;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.DeploymentItemJson;
import dev.skyport.api.config.SkygearConfig;
import dev.skyport.api.config.SkygearYaml;
import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.RepositoryRoot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code examples/hello} builds offline on the seeded base and serves its page; its skygear.yaml is valid. */
@Tag("engine")
class ExampleHelloTest {

    @Test
    void theExampleBuildsOfflineAndServesItsPage() throws Exception {
        BaseImages.ensureBusybox();
        Path example = RepositoryRoot.find().resolve("examples/hello");
        SkygearConfig config = SkygearYaml.read(example.resolve("skygear.yaml")).orElseThrow();
        assertThat(config.app()).isEqualTo("demo");
        DeploymentItem item = config.item("hello").orElseThrow();
        assertThat(item.path()).isEqualTo("/hello");
        String page = Files.readString(example.resolve("www/index.html"));
        byte[] context = TestArchive.create()
                .file("Dockerfile", Files.readString(example.resolve("Dockerfile")))
                .file("www/index.html", page)
                .file("www/healthz", Files.readString(example.resolve("www/healthz")))
                .bytes();
        // Another app name than "demo": the shared registry may hold the demo's own images.
        String app = "ex" + UUID.randomUUID().toString().substring(0, 6);

        try (TestBuildFarm farm = TestBuildFarm.start()) {
            BuildFarmClient api = farm.client();
            String id = api.deploy(app, "hello", context, DeploymentItemJson.toJson(item));
            api.awaitDeployment(app, id, Duration.ofMinutes(2), "running");

            String target = api.microservice(app, "hello").get("route").get("target").asString();
            HttpResponse<String> response = fetch(target + "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(page);
            assertThat(api.logLines(app, id)).anyMatch(l -> l.startsWith("waiting for HTTP GET /healthz on port 8080"));
            api.delete("/v1/apps/" + app + "/microservices/hello");
        }
    }
}
