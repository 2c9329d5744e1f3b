package dev.skyport.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP through the gateway only, as users reach the platform: an app's paths by Host
 * ({@code <app>.localhost}), and the build farm API under {@code /_controller/v1}.
 */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI gateway;
    private final String token;

    GatewayClient(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** GET {@code path} of {@code app} as an end user does. */
    public HttpResponse<String> get(String app, String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Host", app + ".localhost")
                .timeout(Duration.ofSeconds(10)).build());
    }

    /** GET a platform path ({@code /_templates/...}) at the gateway's own address, as skycli does. */
    public HttpResponse<String> getPlatform(String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(10)).build());
    }

    /** A build farm API call with the given token; {@code body} null sends none. */
    public HttpResponse<String> api(String method, String path, String bearer, HttpRequest.BodyPublisher body) {
        return api(method, path, bearer, body, "application/json");
    }

    public HttpResponse<String> api(String method, String path, String bearer, HttpRequest.BodyPublisher body,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/_controller/v1" + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** The microservice record, or null when the build farm has none. */
    public JsonNode microservice(String app, String name) {
        HttpResponse<String> response = api("GET", "/apps/" + app + "/microservices/" + name, token, null);
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET microservice " + app + "/" + name + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("microservice");
    }

    /** A new token scoped to one app, made with the admin token. */
    public String createAppToken(String app) {
        HttpResponse<String> response = api("POST", "/tokens", token, HttpRequest.BodyPublishers.ofString(
                "{\"scope\": \"app:" + app + "\", \"description\": \"e2e\"}"));
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /tokens: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("token").asString();
    }

    /** The log lines of one deployment so far ({@code event: log} of the Server-Sent Events). */
    public java.util.List<String> logLines(String app, String deploymentId) {
        HttpResponse<String> response = api("GET", "/apps/" + app + "/deployments/" + deploymentId + "/logs?follow=false",
                token, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET logs of " + deploymentId + ": " + response.statusCode() + " " + response.body());
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        String event = "message";
        for (String line : response.body().split("\n", -1)) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:") && event.equals("log")) {
                String data = line.substring("data:".length());
                lines.add(data.startsWith(" ") ? data.substring(1) : data);
            } else if (line.isEmpty()) {
                event = "message";
            }
        }
        return lines;
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
