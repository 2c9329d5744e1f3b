package dev.skyport.buildfarm.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The build farm's HTTP API as a test drives it: a real HTTP client, bearer token, JSON bodies. */
public final class BuildFarmClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BuildFarmClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A status, headers and the JSON body (null when empty or not JSON). */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String errorCode() {
            return body == null || body.get("error") == null ? null : body.get("error").get("code").asString();
        }

        public String errorMessage() {
            return body == null || body.get("error") == null ? null : body.get("error").get("message").asString();
        }
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(3))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!response.body().isEmpty() && response.headers().firstValue("Content-Type").orElse("")
                    .contains("json")) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    public Response post(String path, Object json) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)),
                Map.of("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    public Response head(String path) {
        return send("HEAD", path, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    public Response putArtifact(String app, byte[] archive) {
        return putArtifact(app, TestArchive.sha256(archive), archive);
    }

    public Response putArtifact(String app, String sha256, byte[] archive) {
        return send("PUT", "/v1/apps/" + app + "/artifacts/" + sha256, HttpRequest.BodyPublishers.ofByteArray(archive),
                Map.of("Content-Type", "application/gzip"));
    }

    /** Uploads the archive (when new) and requests a deployment; returns the deployment id. */
    public String deploy(String app, String name, byte[] archive, ObjectNode item) {
        Response upload = putArtifact(app, archive);
        if (upload.status() != 201 && upload.status() != 200) {
            throw new AssertionError("upload failed: " + upload.status() + " " + upload.raw().body());
        }
        Response response = requestDeployment(app, name, TestArchive.sha256(archive), item);
        if (response.status() != 202) {
            throw new AssertionError("deploy failed: " + response.status() + " " + response.raw().body());
        }
        return response.body().get("deployment").get("id").asString();
    }

    public Response requestDeployment(String app, String name, String artifact, JsonNode item) {
        ObjectNode body = JSON.createObjectNode();
        body.put("artifact", artifact);
        body.set("item", item);
        return post("/v1/apps/" + app + "/microservices/" + name + "/deployments", body);
    }

    public JsonNode deployment(String app, String id) {
        Response response = get("/v1/apps/" + app + "/deployments/" + id);
        if (response.status() != 200) {
            throw new AssertionError("GET deployment " + id + ": " + response.status() + " " + response.raw().body());
        }
        return response.body().get("deployment");
    }

    public JsonNode microservice(String app, String name) {
        Response response = get("/v1/apps/" + app + "/microservices/" + name);
        if (response.status() != 200) {
            throw new AssertionError("GET microservice " + name + ": " + response.status() + " "
                    + response.raw().body());
        }
        return response.body().get("microservice");
    }

    /** Waits until the deployment reaches one of the statuses; returns it. Fails fast on another final one. */
    public JsonNode awaitDeployment(String app, String id, Duration atMost, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        Set<String> finals = Set.of("running", "build_failed", "deploy_failed", "superseded", "stopped");
        JsonNode[] last = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = deployment(app, id);
            String status = last[0].get("status").asString();
            if (!wanted.contains(status) && finals.contains(status)) {
                throw new AssertionError("deployment " + id + " ended " + status + ": " + last[0].get("message")
                        + "\nlog:\n" + String.join("\n", logLines(app, id)));
            }
            return wanted.contains(status);
        });
        return last[0];
    }

    /** One server-sent event. */
    public record SseEvent(String id, String event, String data) {
    }

    /** Reads the log stream until the server ends it. */
    public List<SseEvent> logEvents(String app, String id, boolean follow, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/apps/" + app + "/deployments/" + id
                        + "/logs?follow=" + follow)).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("log stream answered " + response.statusCode());
            }
            List<SseEvent> events = new ArrayList<>();
            String[] current = new String[3];
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (current[0] != null || data.length() > 0) {
                            events.add(new SseEvent(current[0], current[1], data.toString()));
                        }
                        current = new String[3];
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        current[0] = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        if (data.length() > 0) {
                            data.append('\n');
                        }
                        data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The log lines (not the status events) written so far. */
    public List<String> logLines(String app, String id) {
        return logEvents(app, id, false, null).stream().filter(e -> "log".equals(e.event())).map(SseEvent::data)
                .toList();
    }

    /** A plain GET to an instance or the gateway, without the token. */
    public static HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The item of a Dockerfile http-service. */
    public static ObjectNode item(String path, int port) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "http-service");
        item.put("path", path);
        item.put("port", port);
        item.put("dockerfile", "Dockerfile");
        return item;
    }
}
