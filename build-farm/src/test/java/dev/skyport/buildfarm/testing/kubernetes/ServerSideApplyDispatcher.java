package dev.skyport.buildfarm.testing.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock server answers a server-side apply with 415. The API server creates the object
 * when it is missing and otherwise sets the fields the manager sends; this dispatcher does the same
 * (a create, or a JSON merge patch of what was sent), and records each apply with its field manager,
 * so tests can check that every write was an apply by {@code skyport}.
 */
public final class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {

    private static final String APPLY = "application/apply-patch+yaml";

    /** One apply as the client sent it. */
    public record Apply(String path, String fieldManager, boolean force) {
    }

    private final List<Apply> applies = new CopyOnWriteArrayList<>();

    public List<Apply> applies() {
        return List.copyOf(applies);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith(APPLY)) {
            return super.handlePatch(request);
        }
        URI uri = URI.create(request.getPath());
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        applies.add(new Apply(uri.getPath(), parameter(query, "fieldManager"), "true".equals(parameter(query, "force"))));
        byte[] body = request.getBody().getBytes();
        if (handleGet(uri.getPath()).code() == 404) {
            String collection = uri.getPath().substring(0, uri.getPath().lastIndexOf('/'));
            return handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection,
                    headers(request, "application/json"), new Buffer(body)));
        }
        return super.handlePatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, uri.getPath(),
                headers(request, "application/merge-patch+json"), new Buffer(body)));
    }

    private static Headers headers(RecordedRequest request, String contentType) {
        return request.getHeaders().newBuilder().set("Content-Type", contentType).build();
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
