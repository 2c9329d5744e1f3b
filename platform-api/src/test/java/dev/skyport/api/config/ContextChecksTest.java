package dev.skyport.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextChecksTest {

    @TempDir
    Path dir;

    @Test
    void acceptsAContextDirectoryWithItsDockerfile() throws Exception {
        Files.createDirectories(dir.resolve("api/docker"));
        Files.writeString(dir.resolve("api/docker/Dockerfile"), "FROM scratch\n");

        assertThat(ContextChecks.check(config("context: ./api\n    dockerfile: docker/Dockerfile"), dir)).isEmpty();
    }

    @Test
    void reportsAMissingContextAtItsLine() {
        List<ConfigProblem> problems = ContextChecks.check(config("context: ./nope"), dir);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("context");
            assertThat(p.position().line()).isEqualTo(7);
            assertThat(p.message()).contains("context './nope' does not exist", dir.resolve("nope").toString());
        });
    }

    @Test
    void reportsAContextThatIsAFile() throws Exception {
        Files.writeString(dir.resolve("file"), "x");

        assertThat(ContextChecks.check(config("context: file"), dir)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is a file, not a directory"));
    }

    @Test
    void reportsAMissingDockerfileUnlessARuntimeBringsOne() throws Exception {
        Files.createDirectories(dir.resolve("api"));

        assertThat(ContextChecks.check(config("context: api"), dir)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("context");
            assertThat(p.message()).contains("no Dockerfile at " + dir.resolve("api/Dockerfile"), "runtime:");
        });
        assertThat(ContextChecks.check(config("context: api\n    dockerfile: build/Dockerfile"), dir)).singleElement()
                .satisfies(p -> {
                    assertThat(p.key()).isEqualTo("dockerfile");
                    assertThat(p.position().line()).isEqualTo(8);
                });
        assertThat(ContextChecks.check(config("context: api\n    runtime: nodejs"), dir)).isEmpty();
    }

    @Test
    void reportsADockerfileThatIsADirectory() throws Exception {
        Files.createDirectories(dir.resolve("api/Dockerfile"));

        assertThat(ContextChecks.check(config("context: api"), dir)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is a directory"));
    }

    private SkygearConfig config(String contextLines) {
        String text = """
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: /api
                    port: 8080
                """ + "    " + contextLines + "\n";
        return SkygearYaml.parse(text, "skygear.yaml").orElseThrow();
    }
}
