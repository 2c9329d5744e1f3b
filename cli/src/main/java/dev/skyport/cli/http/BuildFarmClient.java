package dev.skyport.cli.http;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.output.Json;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The build farm's API (docs/api.md) as skycli uses it, reached as {@code {endpoint}/_controller/v1/...}. */
public final class BuildFarmClient {

    private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);

    private final Http http;

    public BuildFarmClient(Http http) {
        this.http = http;
    }

    /** {@code HEAD .../artifacts/{sha256}}: whether the build farm already holds the archive. */
    public boolean artifactExists(String app, String sha256) {
        HttpRequest request = http.request(http.connection().controller(artifactPath(app, sha256)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw http.failure("checking artifact " + sha256, Http.error(response.statusCode(), response.body()));
    }

    /** {@code PUT .../artifacts/{sha256}} with Content-Length; {@code progress} hears the bytes sent so far. */
    public JsonNode uploadArtifact(String app, Path archive, String sha256, LongConsumer progress) {
        long size;
        try {
            size = Files.size(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = http.request(http.connection().controller(artifactPath(app, sha256)))
                .timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counting(archive, progress)), size))
                .build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            return Json.parseOrNull(response.body());
        }
        throw http.failure("uploading the archive", Http.error(response.statusCode(), response.body()));
    }

    /**
     * {@code POST .../microservices/{name}/deployments}: the deployment record. {@code templateDigest} (a runtime
     * item's merged template, {@code sha256:<hex>}) becomes the image's provenance label; null for Dockerfiles.
     */
    public JsonNode createDeployment(String app, String name, String sha256, ObjectNode item, String templateDigest) {
        ObjectNode body = Json.object();
        body.put("artifact", sha256);
        body.set("item", item);
        if (templateDigest != null) {
            body.put("templateDigest", templateDigest);
        }
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                        + "/deployments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8))
                .build();
        return field(expect(http.send(request), "requesting the deployment of " + name, 202, 200, 201), "deployment");
    }

    public JsonNode deployment(String app, String id) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/deployments/" + id)).GET()
                .build();
        return field(expect(http.send(request), "reading deployment " + id, 200), "deployment");
    }

    /** {@code GET .../microservices}: the body as the build farm sent it. */
    public JsonNode microservices(String app) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices")).GET()
                .build();
        return expect(http.send(request), "listing the microservices of " + app, 200);
    }

    /** {@code GET .../microservices/{name}}: the body as the build farm sent it. */
    public JsonNode microservice(String app, String name) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name))
                .GET().build();
        return expect(http.send(request), "reading microservice " + name, 200);
    }

    /** {@code POST .../{name}/stop} or {@code /start}. */
    public JsonNode lifecycle(String app, String name, String action) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                        + "/" + action))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return expect(http.send(request), action + " " + name, 200);
    }

    public void delete(String app, String name) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name))
                .DELETE().build();
        expect(http.send(request), "deleting " + name, 204, 200);
    }

    /**
     * Opens the build log as Server-Sent Events. Uses {@link HttpURLConnection} for its read timeout:
     * a stream that stays silent longer than {@code idle} fails, and the caller resumes it.
     */
    public InputStream openLogs(String app, String id, boolean follow, String lastEventId, Duration idle) {
        URI uri = http.connection().controller("apps/" + app + "/deployments/" + id + "/logs?follow=" + follow);
        HttpURLConnection connection;
        int status;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout((int) idle.toMillis());
            connection.setRequestProperty("Accept", "text/event-stream");
            connection.setRequestProperty("User-Agent", "skycli");
            if (http.connection().token() != null) {
                connection.setRequestProperty("Authorization", "Bearer " + http.connection().token());
            }
            if (lastEventId != null) {
                connection.setRequestProperty("Last-Event-ID", lastEventId);
            }
            status = connection.getResponseCode();
        } catch (IOException e) {
            throw new LogStreamException("cannot open the build log: " + e.getMessage(), e);
        }
        if (status != 200) {
            String body;
            try (InputStream error = connection.getErrorStream()) {
                body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            if (status == 502 || status == 503 || status == 504) {
                // The gateway is up but the build farm is not (restarting, or a new replica starting):
                // following retries with backoff instead of giving up on the deployment.
                throw new LogStreamException("the gateway could not reach the build farm (HTTP " + status + ")", null);
            }
            throw http.failure("reading the build log of " + id, Http.error(status, body));
        }
        try {
            return connection.getInputStream();
        } catch (IOException e) {
            throw new LogStreamException("cannot read the build log: " + e.getMessage(), e);
        }
    }

    /** {@code POST /v1/tokens} (admin): the new token, in clear only in this answer. */
    public JsonNode createToken(String scope, String description, Integer expiresInDays) {
        ObjectNode body = Json.object();
        body.put("scope", scope);
        if (description != null) {
            body.put("description", description);
        }
        if (expiresInDays != null) {
            body.put("expiresInDays", expiresInDays);
        }
        HttpRequest request = http.request(http.connection().controller("tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8)).build();
        return expect(http.send(request), "creating a token", 201);
    }

    /** {@code GET /v1/tokens} (admin). */
    public JsonNode tokens() {
        return expect(http.send(http.request(http.connection().controller("tokens")).GET().build()),
                "listing tokens", 200);
    }

    /** {@code DELETE /v1/tokens/{id}} (admin): the revoked token's record. */
    public JsonNode revokeToken(String id) {
        return expect(http.send(http.request(http.connection().controller("tokens/" + id)).DELETE().build()),
                "revoking token " + id, 200);
    }

    private static String artifactPath(String app, String sha256) {
        return "apps/" + app + "/artifacts/" + sha256;
    }

    private JsonNode expect(HttpResponse<String> response, String doing, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                JsonNode body = Json.parseOrNull(response.body());
                return body == null ? Json.object() : body;
            }
        }
        throw http.failure(doing, Http.error(response.statusCode(), response.body()));
    }

    private static JsonNode field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isObject()) {
            throw CliFailure.failed("the build farm answered without '" + name + "': " + Json.compact(body));
        }
        return value;
    }

    private static InputStream counting(Path file, LongConsumer progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        progress.accept(++sent);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        sent += n;
                        progress.accept(sent);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
