package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RawHttpConnection;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.DevServices;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ambiguous paths (§3.8) get a JSON 400 before routing, on the platform paths and on app routes, and never
 * reach an upstream; apps listed in {@code relaxed-apps} get {@code ;} parameters through.
 */
class PathPolicyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String STRICT_APP = "strict-" + SUFFIX;
    private static final String RELAXED_APP = "relaxed-" + SUFFIX;
    private static final String RELAXED_HOST = RELAXED_APP + ".apps.test";

    private static EchoUpstream app;
    private static EchoUpstream controller;
    private static EchoUpstream templates;
    private static RouteWriter routes;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        app = EchoUpstream.start("app");
        controller = EchoUpstream.start("controller");
        templates = EchoUpstream.start("templates");
        String redis = DevServices.get().redisUri().toString();
        routes = new RouteWriter(redis);
        routes.put(STRICT_APP, "/api", app.uri());
        routes.put(RELAXED_APP, "/api", app.uri());
        gateway = GatewayInstance.start(redis, Map.of(
                "skyport.gateway.default-app", STRICT_APP,
                "skyport.gateway.apps-domain", "apps.test",
                "skyport.gateway.path-policy.relaxed-apps", RELAXED_APP,
                "skyport.gateway.platform.controller-uri", controller.uri().toString(),
                "skyport.gateway.platform.templates-uri", templates.uri().toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> send("/api/ready", "localhost").status() == 200
                && send("/api/ready", RELAXED_HOST).status() == 200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        routes.deleteApp(STRICT_APP);
        routes.deleteApp(RELAXED_APP);
        routes.close();
        app.close();
        controller.close();
        templates.close();
    }

    /** Every spelling, under the two platform prefixes and a strict app's route. */
    static Stream<Arguments> ambiguousPaths() {
        Map<String, String> spellings = Map.ofEntries(
                Map.entry("/v1;/apps/demo/microservices", "matrix_parameter"),
                Map.entry("/v1;x=1/apps", "matrix_parameter"),
                Map.entry("/v1%3B/apps", "matrix_parameter"),
                Map.entry("/v1%3b/apps", "matrix_parameter"),
                Map.entry("/v1%2Fapps", "encoded_slash"),
                Map.entry("/v1%2fapps", "encoded_slash"),
                Map.entry("/v1%5Capps", "encoded_slash"),
                Map.entry("/v1%5capps", "encoded_slash"),
                Map.entry("/./v1/apps", "dot_segment"),
                Map.entry("/x/../v1/apps", "dot_segment"),
                Map.entry("/%2e/v1/apps", "dot_segment"),
                Map.entry("/x/%2E%2E/v1/apps", "dot_segment"),
                Map.entry("/x/.%2e/v1/apps", "dot_segment"),
                Map.entry("/x/%2e%2E/v1/apps", "dot_segment"),
                Map.entry("/x/..;/v1/apps", "dot_segment"),
                Map.entry("//v1/apps", "empty_segment"),
                Map.entry("/v1//apps", "empty_segment"),
                Map.entry("/v1%00/apps", "control_character"),
                Map.entry("/v1%0d%0a/apps", "control_character"),
                Map.entry("/%76%31/tokens", "encoded_unreserved"),
                Map.entry("/v%31/apps", "encoded_unreserved"),
                Map.entry("/%C0%AE%C0%AE/v1/apps", "invalid_utf8_escape"),
                Map.entry("/v1/%C0%AF/apps", "invalid_utf8_escape"),
                Map.entry("/v1/caf%C3/apps", "invalid_utf8_escape"));
        return Stream.of("/_controller", "/_templates", "/api").flatMap(prefix -> spellings.entrySet().stream()
                .map(spelling -> Arguments.of(prefix + spelling.getKey(), spelling.getValue())));
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @MethodSource("ambiguousPaths")
    void ambiguousPathsAreRefusedBeforeRouting(String path, String rule) throws IOException {
        int reachedBefore = upstreamRequests();

        RawHttpConnection.Response response = send(path, "localhost");

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("ambiguous_path");
        assertThat(error.get("details").get("rule").asString()).isEqualTo(rule);
        assertThat(error.get("details").get("path").asString()).isEqualTo(path);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(upstreamRequests()).isEqualTo(reachedBefore);
    }

    /**
     * Targets that are not even a URI are refused by Spring's Reactor Netty adapter (its URI parse fails)
     * before any filter runs: 400 without a body, and no upstream sees them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/_controller/v1\\apps", "/_templates/v1\u0001/apps", "/api/v1%zz/apps", "/api/apps%4"})
    void targetsThatAreNoUriAreRefusedBeforeAnyFilter(String path) throws IOException {
        int reachedBefore = upstreamRequests();

        assertThat(send(path, "localhost").status()).isEqualTo(400);
        assertThat(upstreamRequests()).isEqualTo(reachedBefore);
    }

    @Test
    void theEncodedTokensPathOfTheReviewIsRefusedWithThePlainSpelling() throws IOException {
        RawHttpConnection.Response response = send("POST", "/_controller/%76%31/tokens", "localhost");

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("message").asString())
                .contains("Send /_controller/v1/tokens");
        assertThat(controller.requests()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/_controller/v1/apps/demo/microservices", "/_templates/v1/templates",
            "/api/v1/apps/", "/api/a%20b/caf%C3%A9/100%25", "/api/.well-known/a.b"})
    void plainPathsStillRoute(String path) throws IOException {
        RawHttpConnection.Response response = send(path, "localhost");

        assertThat(response.status()).isEqualTo(200);
        String prefix = path.substring(0, path.indexOf('/', 1));
        assertThat(JSON.readTree(response.body()).get("path").asString()).isEqualTo(path.substring(prefix.length()));
    }

    @Test
    void aRelaxedAppGetsMatrixParametersAndEncodedLettersThrough() throws IOException {
        RawHttpConnection.Response session = send("/api/login;jsessionid=abc", RELAXED_HOST);
        assertThat(session.status()).isEqualTo(200);
        assertThat(JSON.readTree(session.body()).get("path").asString()).isEqualTo("/login;jsessionid=abc");

        RawHttpConnection.Response encoded = send("/api/%76%31/x%3By", RELAXED_HOST);
        assertThat(encoded.status()).isEqualTo(200);
        assertThat(JSON.readTree(encoded.body()).get("path").asString()).isEqualTo("/%76%31/x%3By");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/x/..;/admin", "/api//admin", "/api/x%2Fadmin", "/api/%2e%2e/admin"})
    void aRelaxedAppStillRefusesPathsThatChangeTheirStructure(String path) throws IOException {
        int reachedBefore = upstreamRequests();

        RawHttpConnection.Response response = send(path, RELAXED_HOST);

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString()).isEqualTo("ambiguous_path");
        assertThat(upstreamRequests()).isEqualTo(reachedBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%5Fcontroller/v1;x/tokens", "/%5fcontroller/v1/tokens", "/%5Ftemplates/v1/templates"})
    void aPlatformPathSpelledWithAnEncodedUnderscoreIsStrictEvenForARelaxedApp(String path) throws IOException {
        int reachedBefore = upstreamRequests();

        RawHttpConnection.Response response = send(path, RELAXED_HOST);

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString()).isEqualTo("ambiguous_path");
        assertThat(upstreamRequests()).isEqualTo(reachedBefore);
    }

    @Test
    void theStrictAppStillRefusesWhatTheRelaxedOneAccepts() throws IOException {
        assertThat(send("/api/login;jsessionid=abc", "localhost").status()).isEqualTo(400);
    }

    private static int upstreamRequests() {
        return app.requests() + controller.requests() + templates.requests();
    }

    private static RawHttpConnection.Response send(String path, String host) throws IOException {
        return send("GET", path, host);
    }

    private static RawHttpConnection.Response send(String method, String path, String host) throws IOException {
        try (RawHttpConnection connection = new RawHttpConnection(gateway.port(), Duration.ofSeconds(5))) {
            connection.send(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n\r\n");
            return connection.read();
        }
    }
}
