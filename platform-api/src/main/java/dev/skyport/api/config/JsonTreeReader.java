package dev.skyport.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads a Jackson tree into a {@link ConfigValue} tree; JSON carries no positions. */
final class JsonTreeReader {

    private JsonTreeReader() {
    }

    static ConfigValue convert(JsonNode node) {
        SourcePosition at = SourcePosition.UNKNOWN;
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new ConfigScalar("", ScalarKind.NULL, at);
        }
        if (node.isObject()) {
            List<ConfigEntry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                entries.add(new ConfigEntry(property.getKey(), at, convert(property.getValue())));
            }
            return new ConfigMapping(entries, at);
        }
        if (node.isArray()) {
            List<ConfigValue> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                items.add(convert(item));
            }
            return new ConfigSequence(items, at);
        }
        if (node.isIntegralNumber()) {
            return new ConfigScalar(node.asString(), ScalarKind.INTEGER, at);
        }
        if (node.isNumber()) {
            String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asString();
            return new ConfigScalar(text, ScalarKind.FLOAT, at);
        }
        if (node.isBoolean()) {
            return new ConfigScalar(String.valueOf(node.booleanValue()), ScalarKind.BOOLEAN, at);
        }
        return new ConfigScalar(node.asString(), ScalarKind.STRING, at);
    }
}
