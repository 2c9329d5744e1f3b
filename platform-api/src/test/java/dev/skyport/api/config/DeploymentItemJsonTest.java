package dev.skyport.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentItemJsonTest {

    @Test
    void writesTheCanonicalFormWithCommandAsAList() {
        SkygearConfig config = SkygearYaml.parse("""
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: /api/
                    port: 8888
                    context: ./backend
                    command: npm start
                    environment: {B: "2", A: "1"}
                    health_check: {path: /healthz}
                """, "skygear.yaml").orElseThrow();

        String json = DeploymentItemJson.toJsonString(config.items().get(0));

        assertThat(json).isEqualTo("{\"type\":\"http-service\",\"path\":\"/api\",\"port\":8888,"
                + "\"dockerfile\":\"Dockerfile\",\"command\":[\"npm\",\"start\"],"
                + "\"environment\":{\"B\":\"2\",\"A\":\"1\"},\"health_check\":{\"path\":\"/healthz\"}}");
    }

    @Test
    void readsBackWhatItWrites() {
        DeploymentItem item = new DeploymentItem("web", ItemType.HTTP_SERVICE, "/", 3000, null, null,
                List.of("node", "server.js"), "nodejs", "22", Map.of("A", "b"), null);

        DeploymentItem read = DeploymentItemJson.read("web", DeploymentItemJson.toJsonString(item)).orElseThrow();

        assertThat(read).isEqualTo(item);
    }

    @Test
    void acceptsTheSameShapesAsSkygearYaml() {
        DeploymentItem item = DeploymentItemJson.read("api", """
                {"type": "http-service", "path": "/api", "port": 8080, "command": "npm start",
                 "runtime": "python", "runtime_version": 3.10}
                """).orElseThrow();

        assertThat(item.command()).containsExactly("npm", "start");
        assertThat(item.runtimeVersion()).isEqualTo("3.10");
        assertThat(item.context()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"type":"http-service","path":"/api","port":8080,"context":"."}                   | context  | do not send it
            {"type":"http-service","path":"/api","port":"8080"}                               | port     | write port: 8080 without quotes
            {"type":"http-service","path":"/api","port":8080.0}                               | port     | not a whole number
            {"type":"http-service","path":"/_x","port":8080}                                  | path     | reserved
            {"type":"http-service","path":"/api"}                                             | port     | missing key 'port'
            {"type":"http-service","path":"/api","port":1,"dockerfile":"D","runtime":"nodejs"} | dockerfile | exclude each other
            {"type":"http-service","path":"/api","port":1,"helth_check":{"path":"/h"}}        | helth_check | did you mean 'health_check'?
            {"type":"http-service","path":"/api","port":1,"command":[]}                       | command  | empty list
            {"type":"http-service","path":"/api","port":1,"environment":{"A":null}}           | environment.A | has no value
            """)
    void namesTheKeyOfEveryProblem(String json, String key, String message) {
        ConfigResult<DeploymentItem> result = DeploymentItemJson.read("api", json);

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.item()).isEqualTo("api");
            assertThat(p.source()).isEqualTo("item");
            assertThat(p.position().isKnown()).isFalse();
            assertThat(p.message()).contains(message);
            assertThat(p.describe()).startsWith("item: item 'api', key '" + key + "': ");
        });
    }

    @Test
    void rejectsMalformedJsonAndBadNames() {
        assertThat(DeploymentItemJson.read("api", "{\"port\": ").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("item is not valid JSON"));
        assertThat(DeploymentItemJson.read("api", "{\"port\": 1, \"port\": 2}").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Duplicate"));
        assertThat(DeploymentItemJson.read("API", "{\"type\":\"http-service\",\"path\":\"/a\",\"port\":1}").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not a DNS label"));
        assertThat(DeploymentItemJson.read("api", "[1]").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be a JSON object"));
    }
}
