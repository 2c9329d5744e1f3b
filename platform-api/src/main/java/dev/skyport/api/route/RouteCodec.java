package dev.skyport.api.route;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of a {@link RouteRecord}, used by the writer and by every reader.
 * Readers ignore fields they do not know, so a newer writer does not break an older gateway.
 */
public final class RouteCodec {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    public String encode(RouteRecord route) {
        ObjectNode node = mapper.createObjectNode();
        node.put("service", route.service());
        node.put("target", route.target().toString());
        node.put("stripPrefix", route.stripPrefix());
        if (route.deploymentId() != null) {
            node.put("deploymentId", route.deploymentId());
        }
        node.put("updatedAt", route.updatedAt().toString());
        return mapper.writeValueAsString(node);
    }

    /** Decodes a stored value; throws {@link InvalidRouteException} saying which part is wrong. */
    public RouteRecord decode(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidRouteException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRouteException("not a JSON object", null);
        }
        try {
            return new RouteRecord(
                    requiredText(node, "service"),
                    URI.create(requiredText(node, "target")),
                    !node.has("stripPrefix") || booleanField(node, "stripPrefix"),
                    optionalText(node, "deploymentId"),
                    Instant.parse(requiredText(node, "updatedAt")));
        } catch (DateTimeParseException e) {
            throw new InvalidRouteException("updatedAt is not an ISO-8601 instant: " + e.getParsedString(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidRouteException(e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRouteException("missing field '" + field + "'", null);
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new InvalidRouteException("field '" + field + "' must be a non-empty string", null);
        }
        return value.asString();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static boolean booleanField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw new InvalidRouteException("field '" + field + "' must be true or false", null);
        }
        return value.booleanValue();
    }
}
