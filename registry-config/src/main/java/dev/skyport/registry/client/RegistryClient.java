package dev.skyport.registry.client;

import dev.skyport.registry.credentials.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of the registry's HTTP API v2, with basic auth sent on every request (Distribution's
 * htpasswd auth needs no token exchange). Thread-safe.
 */
public final class RegistryClient {

    /** Every manifest kind a pushed image can have, so the registry answers with the stored digest. */
    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final RegistryCredentials credentials;
    private final Duration timeout;
    private final HttpClient http;

    public RegistryClient(URI base, RegistryCredentials credentials, Duration timeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A registry named as images name it ({@code 127.0.0.1:15000}), reached over plain HTTP. */
    public static RegistryClient plainHttp(String address, RegistryCredentials credentials) {
        return new RegistryClient(URI.create("http://" + address), credentials, Duration.ofSeconds(10));
    }

    public URI base() {
        return base;
    }

    /** {@code GET /v2/}: whether the registry answers and accepts the credentials. Never throws. */
    public PingResult ping() {
        try {
            HttpResponse<Void> response = send(request("/v2/").GET(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 200) {
                return new PingResult(PingResult.Outcome.OK, status, "registry " + base + " accepts the credentials");
            }
            if (status == 401) {
                return new PingResult(PingResult.Outcome.UNAUTHORIZED, status, "registry " + base
                        + " refused the credentials of '" + credentials.username() + "'");
            }
            return new PingResult(PingResult.Outcome.UNEXPECTED, status, "registry " + base + " answered " + status
                    + " to GET /v2/; is this a Docker registry?");
        } catch (RegistryException e) {
            return new PingResult(PingResult.Outcome.UNREACHABLE, 0, e.getMessage());
        }
    }

    /** The digest of a manifest by tag or digest, or empty when the registry does not have it. */
    public Optional<String> manifestDigest(String repository, String reference) {
        String path = "/v2/" + RepositoryNames.requireRepository(repository) + "/manifests/"
                + RepositoryNames.requireReference(reference);
        HttpResponse<Void> response = send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_TYPES), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "HEAD " + path);
        return Optional.of(response.headers().firstValue("Docker-Content-Digest").orElseThrow(
                () -> new RegistryException(200, "HEAD " + path + " answered without a Docker-Content-Digest header")));
    }

    /**
     * Deletes a manifest by digest, which also removes every tag pointing at it. Returns false when it
     * was already gone. The registry must run with {@code storage.delete.enabled: true}.
     */
    public boolean deleteManifest(String repository, String digest) {
        String path = "/v2/" + RepositoryNames.requireRepository(repository) + "/manifests/"
                + RepositoryNames.requireDigest(digest);
        HttpResponse<String> response = send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() == 405) {
            throw new RegistryException(405, "registry " + base + " does not allow deletes; set"
                    + " storage.delete.enabled: true in its config.yml");
        }
        expect(response, 202, "DELETE " + path);
        return true;
    }

    /** The repository's tags, empty when it has none or does not exist. */
    public List<String> tags(String repository) {
        String path = "/v2/" + RepositoryNames.requireRepository(repository) + "/tags/list";
        HttpResponse<String> response = send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        expect(response, 200, "GET " + path);
        try {
            JsonNode tags = JSON.readTree(response.body()).get("tags");
            List<String> result = new ArrayList<>();
            if (tags != null && tags.isArray()) {
                tags.forEach(t -> result.add(t.asString()));
            }
            return result;
        } catch (JacksonException e) {
            throw new RegistryException(200, "GET " + path + " answered with a body that is not JSON");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", credentials.basicAuthorization());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest built = request.build();
        try {
            return http.send(built, handler);
        } catch (IOException e) {
            throw new RegistryException("registry " + base + " is unreachable (" + built.method() + " "
                    + built.uri().getPath() + ": " + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while calling registry " + base, e);
        }
    }

    private void expect(HttpResponse<?> response, int status, String call) {
        if (response.statusCode() == status) {
            return;
        }
        if (response.statusCode() == 401) {
            throw new RegistryException(401, call + ": registry " + base + " refused the credentials of '"
                    + credentials.username() + "'");
        }
        Object body = response.body();
        throw new RegistryException(response.statusCode(), call + " answered " + response.statusCode()
                + (body instanceof String s && !s.isBlank() ? ": " + s.strip() : ""));
    }
}
