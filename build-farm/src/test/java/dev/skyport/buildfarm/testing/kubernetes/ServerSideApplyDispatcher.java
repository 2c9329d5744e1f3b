package dev.skyport.buildfarm.testing.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock server, completed where a build farm needs more of the API server. Access reviews
 * are answered (allowed unless a test denies the verb), pod logs are served from what a test put (see
 * {@link PodLogs} for the parameters honoured, and {@code follow}), and
 * server-side apply works. On the last: the CRUD mock answers an apply with 415. The API server creates the object
 * when it is missing and otherwise sets the fields the manager sends; this dispatcher does the same
 * (a create, or an RFC 7386 merge of what was sent into the stored object, written back with a PUT that
 * keeps the status and bumps the generation), and records each apply with its field manager, so tests
 * can check that every write was an apply by {@code skyport}.
 *
 * <p>The merge is done here because the CRUD mock's own merge patch does not replace lists (a
 * Deployment's new {@code containers} list left the old image in place). Unlike real server-side apply,
 * a field the manager set before and now leaves out stays; the driver always applies whole objects.
 */
public final class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {

    private static final String APPLY = "application/apply-patch+yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One apply as the client sent it. */
    public record Apply(String path, String fieldManager, boolean force) {
    }

    private final List<Apply> applies = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PodLogs podLogs = new PodLogs();

    /** Access reviews of {@code verb} on {@code resource} (e.g. {@code pods/log}) in {@code namespace} say no. */
    public void deny(String verb, String resource, String namespace) {
        denied.add(verb + " " + resource + " " + namespace);
    }

    /** What {@code GET .../pods/<pod>/log} answers: exactly {@code text}, each line received now. */
    public void podLog(String namespace, String pod, String text) {
        podLogs.replace(namespace, pod, text);
    }

    /** The pod writes one more line, received by the kubelet at {@code time}. */
    public void appendPodLog(String namespace, String pod, Instant time, String line) {
        podLogs.append(namespace, pod, time, line);
    }

    /** The pod writes one more line, received now. */
    public Instant appendPodLog(String namespace, String pod, String line) {
        Instant now = podLogs.now();
        podLogs.append(namespace, pod, now, line);
        return now;
    }

    /** Every {@code pods/log} request so far, in order. */
    public List<PodLogs.Request> podLogRequests() {
        return podLogs.requests();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = URI.create(request.getPath()).getPath();
        if ("POST".equals(request.getMethod()) && path.endsWith("/selfsubjectaccessreviews")) {
            return review(request);
        }
        if ("GET".equals(request.getMethod()) && path.matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")) {
            String[] parts = path.split("/");
            MockResponse answer = podLogs.answer(parts[4], parts[6], query(URI.create(request.getPath())));
            if (answer != null) {
                return answer;
            }
            // A pod that wrote nothing yet has an empty log; one that does not exist has none.
            return handleGet(path.substring(0, path.length() - "/log".length())).code() == 200
                    ? new MockResponse().setResponseCode(200).setBody("")
                    : new MockResponse().setResponseCode(404).setBody("{}");
        }
        return super.dispatch(request);
    }

    private MockResponse review(RecordedRequest request) {
        var review = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(request.getBody().readUtf8(),
                io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview.class);
        var attributes = review.getSpec().getResourceAttributes();
        String resource = attributes.getResource() + (attributes.getSubresource() == null ? ""
                : "/" + attributes.getSubresource());
        boolean allowed = !denied.contains(attributes.getVerb() + " " + resource + " " + attributes.getNamespace());
        review.setStatus(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder()
                .withAllowed(allowed).build());
        return new MockResponse().setResponseCode(201)
                .setBody(io.fabric8.kubernetes.client.utils.Serialization.asJson(review));
    }

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
        MockResponse current = handleGet(uri.getPath());
        try {
            JsonNode merged = merge(JSON.readTree(current.getBody().readUtf8()), JSON.readTree(body));
            return handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, uri.getPath(),
                    headers(request, "application/json"), new Buffer(JSON.writeValueAsBytes(merged))));
        } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(400).setBody("{\"message\": \"" + e.getMessage() + "\"}");
        }
    }

    /** RFC 7386: objects merge field by field, {@code null} removes a field, anything else replaces. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JSON.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    private static Headers headers(RecordedRequest request, String contentType) {
        return request.getHeaders().newBuilder().set("Content-Type", contentType).build();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
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
