package dev.skyport.cli.http;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentRequest;
import dev.skyport.api.microservice.DeploymentResponse;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceListResponse;
import dev.skyport.api.microservice.MicroserviceResponse;
import dev.skyport.api.microservice.RollbackRequest;
import dev.skyport.api.microservice.RollbackTargetsResponse;
import dev.skyport.api.microservice.TokenInfo;
import dev.skyport.api.microservice.TokenListResponse;
import dev.skyport.api.microservice.TokenRequest;
import dev.skyport.api.microservice.TokenResponse;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The build farm's API (docs/api.md) as skycli uses it, reached as {@code {endpoint}/_controller/v1/...}.
 * Requests and answers are platform-api's types, the same records the build farm reads and writes.
 */
public final class BuildFarmClient {

    private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);
    private static final String BUILD_FARM = "the build farm";

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
    public void uploadArtifact(String app, Path archive, String sha256, LongConsumer progress) {
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
        expectStatus(http.send(request), "uploading the archive", 200, 201);
    }

    /**
     * {@code POST .../microservices/{name}/deployments}: the deployment record. {@code templateDigest} (a runtime
     * item's merged template, {@code sha256:<hex>}) becomes the image's provenance label; null for Dockerfiles.
     */
    public Deployment createDeployment(String app, String name, String sha256, ObjectNode item, String templateDigest) {
        String doing = "requesting the deployment of " + name;
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                        + "/deployments"))
                .header("Content-Type", "application/json")
                .POST(json(new DeploymentRequest(sha256, item, templateDigest)))
                .build();
        DeploymentResponse answer = expect(http.send(request), DeploymentResponse.class, doing, 202, 200, 201);
        return required(answer.deployment(), "deployment", doing);
    }

    /** {@code GET .../microservices}. */
    public MicroserviceListResponse microservices(String app) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices")).GET()
                .build();
        return expect(http.send(request), MicroserviceListResponse.class, "listing the microservices of " + app, 200);
    }

    /** {@code GET .../microservices/{name}}. */
    public Microservice microservice(String app, String name) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name))
                .GET().build();
        return microservice(http.send(request), "reading microservice " + name);
    }

    /** {@code POST .../{name}/stop} or {@code /start}: the microservice afterwards. */
    public Microservice lifecycle(String app, String name, String action) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                        + "/" + action))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return microservice(http.send(request), action + " " + name);
    }

    public void delete(String app, String name) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name))
                .DELETE().build();
        expectStatus(http.send(request), "deleting " + name, 204, 200);
    }

    /**
     * Opens a deployment's build log as Server-Sent Events; a stream silent longer than {@code idle} fails,
     * and the caller resumes it.
     */
    public InputStream openLogs(String app, String id, boolean follow, String lastEventId, Duration idle) {
        return openEvents(http.connection().controller("apps/" + app + "/deployments/" + id + "/logs?follow="
                + follow), lastEventId, idle, "the build log of " + id);
    }

    /** Opens what the running instances of a microservice print, as Server-Sent Events (see {@link #openLogs}). */
    public InputStream openInstanceLogs(String app, String name, InstanceLogQuery query, String lastEventId,
                                        Duration idle) {
        return openEvents(http.connection().controller("apps/" + app + "/microservices/" + name + "/logs?"
                + query.queryString()), lastEventId, idle, "the log of " + name);
    }

    /** {@code POST .../microservices/{name}/rollback}: the new deployment that runs the target's image. */
    public Deployment rollback(String app, String name, String to) {
        String doing = "rolling back " + name;
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                        + "/rollback"))
                .header("Content-Type", "application/json")
                .POST(json(new RollbackRequest(to)))
                .build();
        DeploymentResponse answer = expect(http.send(request), DeploymentResponse.class, doing, 202, 200, 201);
        return required(answer.deployment(), "deployment", doing);
    }

    /** {@code GET .../microservices/{name}/rollback-targets}: newest first. */
    public RollbackTargetsResponse rollbackTargets(String app, String name) {
        HttpRequest request = http.request(http.connection().controller("apps/" + app + "/microservices/" + name
                + "/rollback-targets")).GET().build();
        return expect(http.send(request), RollbackTargetsResponse.class,
                "listing the rollback targets of " + name, 200);
    }

    /**
     * Opens Server-Sent Events. Uses {@link HttpURLConnection} for its read timeout: a stream that stays
     * silent longer than {@code idle} fails, and the caller resumes it.
     */
    private InputStream openEvents(URI uri, String lastEventId, Duration idle, String what) {
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
            throw new LogStreamException("cannot open " + what + ": " + e.getMessage(), e);
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
                // following retries with backoff instead of giving up.
                throw new LogStreamException("the gateway could not reach the build farm (HTTP " + status + ")", null);
            }
            throw http.failure("reading " + what, Http.error(status, body));
        }
        try {
            return connection.getInputStream();
        } catch (IOException e) {
            throw new LogStreamException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@code POST /v1/tokens} (admin): the new token, in clear only in this answer. */
    public TokenResponse createToken(String scope, String description, Integer expiresInDays) {
        HttpRequest request = http.request(http.connection().controller("tokens"))
                .header("Content-Type", "application/json")
                .POST(json(new TokenRequest(scope, description, expiresInDays))).build();
        return expect(http.send(request), TokenResponse.class, "creating a token", 201);
    }

    /** {@code GET /v1/tokens} (admin). */
    public TokenListResponse tokens() {
        return expect(http.send(http.request(http.connection().controller("tokens")).GET().build()),
                TokenListResponse.class, "listing tokens", 200);
    }

    /** {@code DELETE /v1/tokens/{id}} (admin): the revoked token's record. */
    public TokenInfo revokeToken(String id) {
        return expect(http.send(http.request(http.connection().controller("tokens/" + id)).DELETE().build()),
                TokenInfo.class, "revoking token " + id, 200);
    }

    private static String artifactPath(String app, String sha256) {
        return "apps/" + app + "/artifacts/" + sha256;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8);
    }

    private Microservice microservice(HttpResponse<String> response, String doing) {
        return required(expect(response, MicroserviceResponse.class, doing, 200).microservice(), "microservice", doing);
    }

    /** The answer read as {@code type} when its status is one of {@code accepted}; else the build farm's error. */
    private <T> T expect(HttpResponse<String> response, Class<T> type, String doing, int... accepted) {
        expectStatus(response, doing, accepted);
        return Http.read(response.body(), type, BUILD_FARM, doing);
    }

    private void expectStatus(HttpResponse<String> response, String doing, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw http.failure(doing, Http.error(response.statusCode(), response.body()));
    }

    private static <T> T required(T value, String field, String doing) {
        if (value == null) {
            throw CliFailure.failed(doing + ": the build farm answered without '" + field + "'");
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
