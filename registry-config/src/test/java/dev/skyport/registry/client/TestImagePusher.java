package dev.skyport.registry.client;

import dev.skyport.registry.credentials.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pushes a tiny image (one config blob, one layer blob, a schema 2 manifest) straight through the
 * registry's API, so registry tests need no Docker Engine.
 */
public final class TestImagePusher {

    private final URI base;
    private final RegistryCredentials credentials;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestImagePusher(URI base, RegistryCredentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** Pushes an image whose content is unique to {@code marker}; returns its manifest digest. */
    public String push(String repository, String tag, String marker) throws IOException, InterruptedException {
        byte[] layer = ("layer " + marker).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"marker\":\"" + marker
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(layer) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        uploadBlob(repository, layer);
        uploadBlob(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                + config.length + ",\"digest\":\"" + sha256(config) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":"
                + layer.length + ",\"digest\":\"" + sha256(layer) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = http.send(authorized(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("manifest PUT answered " + put.statusCode() + ": " + put.body());
        }
        return sha256(manifest);
    }

    private void uploadBlob(String repository, byte[] blob) throws IOException, InterruptedException {
        HttpResponse<String> start = http.send(authorized(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IllegalStateException("blob upload start answered " + start.statusCode() + ": " + start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = base.resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(authorized(URI.create(upload + separator + "digest=" + sha256(blob)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("blob PUT answered " + put.statusCode() + ": " + put.body());
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", credentials.basicAuthorization());
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
