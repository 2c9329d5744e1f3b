package dev.skyport.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.e2e.support.Archives;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the build farm's OpenAPI document (so a new endpoint is covered without editing
 * this test) × every kind of wrong token × every spelling of its path, sent directly and through the
 * gateway. None may succeed: the answer is 401, 403 or 400 (the gateway may also say it has no route).
 */
class AuthMatrixIT {

    private static final String APP = "matrix";
    private static final String OTHER_APP = "matrix-other";
    private static final Set<String> OPEN = Set.of("/v1/openapi.json");

    private final Platform platform = Platform.get();
    // HTTP/1.1 as skycli and the gateway speak it; the JDK's default h2c upgrade attempt only adds noise here.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private String artifact;

    /**
     * An artifact that exists, so an authorised HEAD would answer 200: a 404 can then only mean the
     * request never reached the artifact.
     */
    @BeforeEach
    void storeAnArtifact() throws Exception {
        byte[] archive = Archives.tarGz("Dockerfile", "FROM busybox:1.36\n");
        artifact = Archives.sha256(archive);
        HttpResponse<String> put = platform.http().api("PUT", "/apps/" + APP + "/artifacts/" + artifact,
                platform.adminToken(), HttpRequest.BodyPublishers.ofByteArray(archive), "application/gzip");
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    }

    @Test
    void noWrongTokenAndNoPathSpellingReachesAnyOperation() throws Exception {
        List<Operation> operations = operations();
        Map<String, String> wrongForApps = wrongTokens(true);
        Map<String, String> wrongForAdmin = wrongTokens(false);
        Map<String, URI> bases = Map.of("direct", platform.buildFarm(), "gateway", platform.gateway());

        List<String> breaches = new ArrayList<>();
        int tried = 0;
        for (Operation operation : operations) {
            Map<String, String> tokens = operation.appScoped() ? wrongForApps : wrongForAdmin;
            for (Map.Entry<String, URI> base : bases.entrySet()) {
                for (Map.Entry<String, String> spelling : spellings(base.getKey(), operation.concretePath()).entrySet()) {
                    for (Map.Entry<String, String> token : tokens.entrySet()) {
                        tried++;
                        String label = operation + " " + base.getKey() + " " + spelling.getKey() + " ("
                                + spelling.getValue() + ") with " + token.getKey();
                        try {
                            HttpResponse<String> response = send(operation.method(), base.getValue(),
                                    spelling.getValue(), token.getValue());
                            if (!refused(base.getKey(), response)) {
                                breaches.add(label + " → " + response.statusCode() + " " + response.body());
                            }
                        } catch (HttpTimeoutException e) {
                            breaches.add(label + " → no answer within 10 s");
                        }
                    }
                }
            }
        }
        System.out.printf("auth matrix: %d operations, %d requests tried, %d went through%n",
                operations.size(), tried, breaches.size());
        assertThat(operations).as("operations read from the OpenAPI document").hasSizeGreaterThanOrEqualTo(12);
        assertThat(breaches).as("requests that were not refused").isEmpty();
    }

    /** The matrix only means something if the right token does get through: the control row. */
    @Test
    void theRightTokenWithThePlainPathIsNotRefused() throws Exception {
        for (Operation operation : operations()) {
            if (operation.template().equals("/v1/builds/{id}/context")) {
                continue; // its credential is the signed URL, not a bearer token
            }
            for (Map.Entry<String, URI> base : Map.of("direct", platform.buildFarm(), "gateway", platform.gateway())
                    .entrySet()) {
                String path = (base.getKey().equals("gateway") ? "/_controller" : "") + operation.concretePath();
                HttpResponse<String> response = send(operation.method(), base.getValue(), path, platform.adminToken());
                assertThat(response.statusCode()).as(operation + " " + base.getKey() + ": " + response.body())
                        .isNotIn(401, 403);
                assertThat(response.body()).as(operation + " " + base.getKey()).doesNotContain("request_rejected");
            }
        }
    }

    /** Through the gateway the platform prefix is part of the path, so it is spelled out too. */
    private static Map<String, String> spellings(String base, String path) {
        return PathSpellings.of(base.equals("gateway") ? "/_controller" + path : path);
    }

    private HttpResponse<String> send(String method, URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(String base, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            return true;
        }
        // The gateway has no route for a spelling it does not know (upper case): it never reached the build
        // farm. HEAD carries no body to say so, but the artifact exists, so the build farm would say 200.
        return base.equals("gateway") && status == 404
                && (response.body().contains("route_not_found") || response.request().method().equals("HEAD"));
    }

    private List<Operation> operations() throws Exception {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(
                URI.create(platform.buildFarm() + "/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = GatewayClient.json(document.body()).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (String template : paths.propertyNames()) {
            if (OPEN.contains(template)) {
                continue;
            }
            for (String method : paths.get(template).propertyNames()) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), template, artifact));
            }
        }
        return operations;
    }

    /** Label → token; {@code null} sends no Authorization header. */
    private Map<String, String> wrongTokens(boolean appOperation) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("an unknown token", "sk_not_a_token_of_this_platform");
        tokens.put("an expired token", expiredToken());
        tokens.put("a revoked token", revokedToken());
        tokens.put(appOperation ? "another app's token" : "an app token on an admin operation",
                platform.http().createAppToken(appOperation ? OTHER_APP : APP));
        return tokens;
    }

    /** Stored as the build farm stores tokens, with an expiry already past: what 91 days of waiting gives. */
    private String expiredToken() throws Exception {
        String token = "sk_expired_" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        Instant created = Instant.now().minus(Duration.ofDays(91));
        platform.redis().hset("skyport:tokens", hash, "{\"id\":\"" + hash.substring(0, 16) + "\",\"scope\":\"app:" + APP
                + "\",\"description\":\"expired\",\"createdAt\":\"" + created + "\",\"expiresAt\":\""
                + created.plus(Duration.ofDays(90)) + "\"}");
        return token;
    }

    private String revokedToken() {
        HttpResponse<String> created = platform.http().api("POST", "/tokens", platform.adminToken(),
                HttpRequest.BodyPublishers.ofString("{\"scope\":\"admin\",\"description\":\"to revoke\"}"));
        JsonNode body = GatewayClient.json(created.body());
        HttpResponse<String> revoked = platform.http().api("DELETE", "/tokens/" + body.get("id").asString(),
                platform.adminToken(), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        return body.get("token").asString();
    }

    private record Operation(String method, String template, String artifact) {

        boolean appScoped() {
            return template.startsWith("/v1/apps/{app}");
        }

        String concretePath() {
            return template.replace("{app}", APP).replace("{name}", "api").replace("{id}", "d0000000000")
                    .replace("{sha256}", artifact);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }
}
