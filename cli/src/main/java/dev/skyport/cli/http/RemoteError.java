package dev.skyport.cli.http;

import tools.jackson.databind.JsonNode;

/**
 * An error answer of the build farm, the catalog or the gateway:
 * {@code {"error": {"code", "message", "details"}}}, or what could be made of a body without it.
 */
public record RemoteError(int status, String code, String message, JsonNode details) {

    public String detail(String field) {
        return details == null ? null : dev.skyport.cli.output.Json.text(details, field);
    }
}
