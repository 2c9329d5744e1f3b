package dev.skyport.api.config;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code item} of a deploy request ({@code POST .../deployments}): the same keys and rules as an
 * item of {@code skygear.yaml}, minus {@code context}. skycli writes it with {@link #toJson}; the build
 * farm checks it with {@link #read}, which never touches the filesystem.
 */
public final class DeploymentItemJson {

    /** How problems of a JSON item name their source. */
    public static final String SOURCE = "item";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private DeploymentItemJson() {
    }

    /** Checks the item of microservice {@code name}; every problem names its key. */
    public static ConfigResult<DeploymentItem> read(String name, JsonNode item) {
        ProblemCollector problems = new ProblemCollector(SOURCE);
        if (item == null || !item.isObject()) {
            problems.add(SourcePosition.UNKNOWN, name, null, "item must be a JSON object with type, path, port, ...");
            return ConfigResult.invalid(problems.problems());
        }
        DeploymentItem result = new ItemReader(problems, ItemReader.Origin.JSON_ITEM, new java.util.HashMap<>())
                .read(name, SourcePosition.UNKNOWN, JsonTreeReader.convert(item));
        return result == null ? ConfigResult.invalid(problems.problems()) : ConfigResult.valid(result);
    }

    /** Parses and checks JSON text. */
    public static ConfigResult<DeploymentItem> read(String name, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            ProblemCollector problems = new ProblemCollector(SOURCE);
            problems.add(SourcePosition.UNKNOWN, name, null, "item is not valid JSON: " + e.getOriginalMessage());
            return ConfigResult.invalid(problems.problems());
        }
        return read(name, node);
    }

    /** The canonical JSON form: fixed key order, {@code command} always a list, no {@code context}. */
    public static ObjectNode toJson(DeploymentItem item) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", item.type().yamlName());
        node.put("path", item.path());
        node.put("port", item.port());
        if (!item.usesRuntime()) {
            node.put("dockerfile", item.dockerfileOrDefault());
        }
        if (!item.command().isEmpty()) {
            ArrayNode command = node.putArray("command");
            item.command().forEach(command::add);
        }
        if (item.usesRuntime()) {
            node.put("runtime", item.runtime());
            if (item.runtimeVersion() != null) {
                node.put("runtime_version", item.runtimeVersion());
            }
        }
        if (!item.environment().isEmpty()) {
            ObjectNode environment = node.putObject("environment");
            for (Map.Entry<String, String> variable : item.environment().entrySet()) {
                environment.put(variable.getKey(), variable.getValue());
            }
        }
        if (item.healthCheck() != null) {
            node.putObject("health_check").put("path", item.healthCheck().path());
        }
        return node;
    }

    public static String toJsonString(DeploymentItem item) {
        return MAPPER.writeValueAsString(toJson(item));
    }
}
