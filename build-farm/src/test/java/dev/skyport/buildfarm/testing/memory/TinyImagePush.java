package dev.skyport.buildfarm.testing.memory;

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
 * Pushes a real, layer-less image to the real registry through its v2 API: a config blob, then a
 * manifest naming it. The in-memory driver's "build" is fake; what the registry holds afterwards is
 * not, so the build farm's manifest check runs against it as it does for every driver.
 */
public final class TinyImagePush {

    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI registry;
    private final RegistryCredentials credentials;

    public TinyImagePush(String address, RegistryCredentials credentials) {
        this.registry = URI.create("http://" + address);
        this.credentials = credentials;
    }

    /** Returns the manifest's digest as the registry reports it. */
    public String push(String repository, String tag, String marker) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"marker\":\""
                + marker + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(config);
        try {
            HttpResponse<Void> start = send(HttpRequest.newBuilder(registry.resolve("/v2/" + repository
                    + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
            String location = start.headers().firstValue("Location").orElseThrow();
            URI upload = registry.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + configDigest);
            expect(send(HttpRequest.newBuilder(upload).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(config))), 201, "config blob");
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                    + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<Void> put = send(HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/"
                    + tag)).header("Content-Type", MANIFEST_TYPE).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
            expect(put, 201, "manifest");
            return put.headers().firstValue("Docker-Content-Digest").orElse(sha256(manifest));
        } catch (IOException e) {
            throw new IllegalStateException("cannot push to the registry " + registry + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing", e);
        }
    }

    private HttpResponse<Void> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", credentials.basicAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void expect(HttpResponse<Void> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("the registry answered " + response.statusCode() + " to the " + what);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
