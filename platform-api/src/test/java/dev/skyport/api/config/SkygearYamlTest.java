package dev.skyport.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkygearYamlTest {

    private static final String FULL = """
            app: shop
            deployments:
              api:
                type: http-service
                path: /api/
                port: 8888
                context: ./backend/service
                dockerfile: docker/Dockerfile
                command: "npm start --prefix 'my app'"
                environment: {KEY: value, DEBUG: yes, COUNT: 3}
                health_check: {path: /healthz}
              web:
                type: http-service
                path: /
                port: 3000
                context: ./web
                runtime: nodejs
                runtime_version: 10
            """;

    @Test
    void readsEveryKeyOfTheContract() {
        SkygearConfig config = SkygearYaml.parse(FULL, "skygear.yaml").orElseThrow();

        assertThat(config.app()).isEqualTo("shop");
        assertThat(config.itemNames()).containsExactly("api", "web");
        DeploymentItem api = config.item("api").orElseThrow();
        assertThat(api.type()).isEqualTo(ItemType.HTTP_SERVICE);
        assertThat(api.path()).isEqualTo("/api");
        assertThat(api.port()).isEqualTo(8888);
        assertThat(api.context()).isEqualTo("./backend/service");
        assertThat(api.dockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(api.command()).containsExactly("npm", "start", "--prefix", "my app");
        assertThat(api.environment()).containsExactly(Map.entry("KEY", "value"), Map.entry("DEBUG", "yes"),
                Map.entry("COUNT", "3"));
        assertThat(api.healthCheck()).isEqualTo(new HealthCheck("/healthz"));
        DeploymentItem web = config.item("web").orElseThrow();
        assertThat(web.runtime()).isEqualTo("nodejs");
        assertThat(web.runtimeVersion()).as("runtime_version: 10 is accepted as \"10\"").isEqualTo("10");
        assertThat(web.dockerfile()).isNull();
        assertThat(config.positionOf("web", "runtime_version")).isEqualTo(new SourcePosition(18, 5));
    }

    @Test
    void keepsVersionsAsWrittenEvenWhenTheyLookLikeDecimals() {
        SkygearConfig config = SkygearYaml.parse(item("runtime: python\n    runtime_version: 3.10"), "skygear.yaml")
                .orElseThrow();

        assertThat(config.items().get(0).runtimeVersion()).isEqualTo("3.10");
    }

    @Test
    void acceptsCommandAsAList() {
        SkygearConfig config = SkygearYaml.parse(item("dockerfile: Dockerfile\n    command: [sleep, 10]"),
                "skygear.yaml").orElseThrow();

        assertThat(config.items().get(0).command()).containsExactly("sleep", "10");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            type: function                 | 4 | type    | type 'function' is not supported; the only type is http-service
            path: api                      | 5 | path    | must start with '/'; write path: /api
            path: /_controller             | 5 | path    | reserved for the platform
            path: /a//b                    | 5 | path    | empty segment
            port: 70000                    | 6 | port    | port 70000 is out of range; use a number from 1 to 65535
            port: 0                        | 6 | port    | out of range
            port: "8080"                   | 6 | port    | write port: 8080 without quotes
            port: 80.5                     | 6 | port    | not a whole number
            prot: 8080                     | 6 | prot    | unknown key 'prot' in an item; did you mean 'port'?
            dockerFile: Dockerfile         | 8 | dockerFile | did you mean 'dockerfile'?
            env: {A: b}                    | 8 | env     | did you mean 'environment'?
            dockerfile: ../Dockerfile      | 8 | dockerfile | must be a path inside the context
            dockerfile: /abs/Dockerfile    | 8 | dockerfile | must be a path inside the context
            command: npm start && rm x     | 8 | command | needs a shell
            command: 'node "x'             | 8 | command | unclosed " quote
            command: []                    | 8 | command | empty list
            command: {a: b}                | 8 | command | must be a string (split like a shell) or a list
            environment: [A=b]             | 8 | environment | write NAME: value lines instead of a list
            environment: {1A: b}           | 8 | environment.1A | is not a variable name
            environment: {A: }             | 8 | environment.A | has no value
            health_check: /healthz         | 8 | health_check | write health_check: {path: /healthz}
            health_check: {paht: /x}       | 8 | health_check.paht | did you mean 'path'?
            health_check: {path: healthz}  | 8 | health_check.path | must be an absolute URL path
            runtime_version: "10"          | 8 | runtime_version | runtime_version needs runtime
            runtime: Node JS               | 8 | runtime | is not a runtime name
            """)
    void namesTheFileLineItemAndKeyOfEveryProblem(String line, int expectedLine, String key, String message) {
        String text = switch (line.substring(0, line.indexOf(':'))) {
            case "type", "path", "port" -> base().replaceFirst("(?m)^    " + line.substring(0, line.indexOf(':'))
                    + ":.*$", "    " + line);
            case "prot" -> base().replaceFirst("(?m)^    port:.*$", "    " + line);
            default -> base() + "    " + line + "\n";
        };
        ConfigResult<SkygearConfig> result = SkygearYaml.parse(text, "skygear.yaml");

        assertThat(result.isValid()).isFalse();
        ConfigProblem problem = result.problems().stream().filter(p -> key.equals(p.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for key " + key + " in " + result.problems()));
        assertThat(problem.source()).isEqualTo("skygear.yaml");
        assertThat(problem.item()).isEqualTo("api");
        assertThat(problem.position().line()).isEqualTo(expectedLine);
        assertThat(problem.message()).contains(message);
        assertThat(problem.describe()).startsWith("skygear.yaml:" + expectedLine + ":")
                .contains("item 'api'", "key '" + key + "'");
    }

    @Test
    void rejectsDockerfileTogetherWithRuntime() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse(item("dockerfile: Dockerfile\n    runtime: nodejs"),
                "skygear.yaml");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("dockerfile");
            assertThat(p.position().line()).isEqualTo(8);
            assertThat(p.message()).contains("dockerfile and runtime exclude each other");
        });
    }

    @Test
    void reportsMissingKeysAtTheItem() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse("""
                app: shop
                deployments:
                  api:
                    context: .
                """, "skygear.yaml");

        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactly("type", "path", "port");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.position().line()).isEqualTo(4));
        assertThat(result.problems().get(0).message()).contains("add type: http-service");
    }

    @Test
    void rejectsTwoItemsWithTheSamePathEvenWithATrailingSlash() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse("""
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: /api
                    port: 80
                    context: .
                  api2:
                    type: http-service
                    path: /api/
                    port: 80
                    context: .
                """, "skygear.yaml");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.item()).isEqualTo("api2");
            assertThat(p.key()).isEqualTo("path");
            assertThat(p.position().line()).isEqualTo(10);
            assertThat(p.message()).contains("also the path of item 'api' (line 5)");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            app: Shop_1                      | app  | did you mean 'shop-1'?
            app: [a]                         | app  | app must be a name
            name: shop                       | name | did you mean 'app'?
            """)
    void checksTheTopLevel(String line, String key, String message) {
        String text = base().replaceFirst("(?m)^app: shop$", line);
        ConfigResult<SkygearConfig> result = SkygearYaml.parse(text, "skygear.yaml");

        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.item()).isNull();
            assertThat(p.position().line()).isEqualTo(1);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void rejectsItemNamesThatAreNotDnsLabels() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse(base().replace("  api:", "  My_API:"), "skygear.yaml");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.item()).isEqualTo("My_API");
            assertThat(p.position().line()).isEqualTo(3);
            assertThat(p.message()).contains("is not a DNS label", "did you mean 'my-api'?");
        });
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse("app: shop\ndeployments:\n  api: [\n", "skygear.yaml");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.position().isKnown()).isTrue();
        });
    }

    @Test
    void rejectsDuplicateKeys() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse(base() + "    port: 81\n", "skygear.yaml");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.position().line()).isEqualTo(8);
            assertThat(p.message()).contains("written twice (first on line 6)");
        });
    }

    @Test
    void rejectsEmptyFilesAndEmptyDeployments() {
        assertThat(SkygearYaml.parse("", "skygear.yaml").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
        assertThat(SkygearYaml.parse("app: shop\ndeployments: {}\n", "skygear.yaml").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at least one item"));
    }

    @Test
    void collectsEveryProblemAtOnce() {
        ConfigResult<SkygearConfig> result = SkygearYaml.parse("""
                app: shop
                deployments:
                  api:
                    type: worker
                    path: api
                    port: 0
                    context: .
                """, "skygear.yaml");

        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactly("type", "path", "port");
    }

    @Test
    void readsAFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("skygear.yaml");
        Files.writeString(file, base().replace("port: 8080", "port: 99999"));

        ConfigResult<SkygearConfig> result = SkygearYaml.read(file);

        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith(file + ":6:11: item 'api', key 'port':"));
        assertThat(SkygearYaml.read(dir.resolve("missing.yaml")).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not found in " + dir));
    }

    @Test
    void reportsNothingButTheModelForAValidFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("skygear.yaml");
        Files.writeString(file, base());

        SkygearConfig config = SkygearYaml.read(file).orElseThrow();

        assertThat(config.file()).isEqualTo(file);
        assertThat(config.baseDirectory(Path.of("/elsewhere"))).isEqualTo(dir.toAbsolutePath());
        assertThat(config.items()).extracting(DeploymentItem::name).isEqualTo(List.of("api"));
    }

    private static String base() {
        return """
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: /api
                    port: 8080
                    context: .
                """;
    }

    private static String item(String extraLines) {
        return base() + "    " + extraLines + "\n";
    }
}
