package dev.skyport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.route.RouteRecord;
import dev.skyport.gateway.support.EchoUpstream;
import dev.skyport.gateway.support.GatewayInstance;
import dev.skyport.gateway.support.RouteWriter;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The routing rules of §3.2 through a real gateway, real Redis and real upstreams. */
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHOP = "shop-" + SUFFIX;
    private static final String BLOG = "blog-" + SUFFIX;

    private static EchoUpstream api;
    private static EchoUpstream apiV1;
    private static EchoUpstream blog;
    private static EchoUpstream controller;
    private static EchoUpstream templates;
    private static RouteWriter routes;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        api = EchoUpstream.start("api");
        apiV1 = EchoUpstream.start("api-v1");
        blog = EchoUpstream.start("blog");
        controller = EchoUpstream.start("controller");
        templates = EchoUpstream.start("templates");
        String redis = DevServices.get().redisUri().toString();
        routes = new RouteWriter(redis);
        routes.put(SHOP, "/api/", api.uri());
        routes.put(SHOP, "/api/v1", apiV1.uri());
        routes.put(BLOG, "/", blog.uri());
        gateway = GatewayInstance.start(redis, Map.of(
                "skyport.gateway.default-app", SHOP,
                "skyport.gateway.apps-domain", "apps.test",
                "skyport.gateway.platform.controller-uri", controller.uri().toString(),
                "skyport.gateway.platform.templates-uri", templates.uri().toString(),
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout", "1s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("/api/x") == 200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        routes.deleteApp(SHOP);
        routes.deleteApp(BLOG);
        routes.redis().hdel("skyport:domains", "www.blog-" + SUFFIX + ".test");
        routes.close();
        for (EchoUpstream upstream : new EchoUpstream[] {api, apiV1, blog, controller, templates}) {
            upstream.close();
        }
    }

    @Test
    void longestPrefixOnWholeSegmentsWinsAndIsStripped() {
        JsonNode v1 = echo(gateway.client().get().uri("/api/v1/users"));
        assertThat(v1.get("upstream").asString()).isEqualTo("api-v1");
        assertThat(v1.get("path").asString()).isEqualTo("/users");

        JsonNode login = echo(gateway.client().get().uri("/api/login"));
        assertThat(login.get("upstream").asString()).isEqualTo("api");
        assertThat(login.get("path").asString()).isEqualTo("/login");

        assertThat(echo(gateway.client().get().uri("/api")).get("path").asString()).isEqualTo("/");
        assertThat(echo(gateway.client().get().uri("/api/")).get("path").asString()).isEqualTo("/");
        assertThat(echo(gateway.client().get().uri("/api/v1x")).get("upstream").asString()).isEqualTo("api");
        assertThat(status("/apple")).isEqualTo(404);
    }

    @Test
    void queryStringIsKeptAsSent() {
        JsonNode echo = echo(gateway.client().get().uri(URI.create(gateway.url() + "/api/search?q=a%20b&tag=x&tag=y")));
        assertThat(echo.get("path").asString()).isEqualTo("/search");
        assertThat(echo.get("query").asString()).isEqualTo("q=a%20b&tag=x&tag=y");
    }

    @Test
    void setsForwardedHeadersAndDropsUntrustedOnes() {
        JsonNode headers = echo(gateway.client().get().uri("/api/login")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/spoofed")).get("headers");
        assertThat(headers.get("x-forwarded-host").asString()).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(headers.get("x-forwarded-proto").asString()).isEqualTo("http");
        assertThat(headers.get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-prefix").asString()).isEqualTo("/api");
    }

    @Test
    void hostSelectsTheApp() {
        assertThat(echo(gateway.client().get().uri("/anything").header("Host", BLOG + ".apps.test"))
                .get("upstream").asString()).isEqualTo("blog");
        String custom = "www.blog-" + SUFFIX + ".test";
        routes.mapDomain(custom, BLOG);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(echo(gateway.client().get().uri("/api/x").header("Host", custom.toUpperCase() + ":80"))
                        .get("upstream").asString()).isEqualTo("blog"));
        // any other host falls back to the default app
        assertThat(echo(gateway.client().get().uri("/api/x").header("Host", "elsewhere.example"))
                .get("upstream").asString()).isEqualTo("api");
    }

    @Test
    void reservedPathsGoToThePlatformServices() {
        JsonNode c = echo(gateway.client().get().uri("/_controller/v1/apps/x/microservices?y=1"));
        assertThat(c.get("upstream").asString()).isEqualTo("controller");
        assertThat(c.get("path").asString()).isEqualTo("/v1/apps/x/microservices");
        assertThat(c.get("query").asString()).isEqualTo("y=1");
        assertThat(c.get("headers").get("x-forwarded-prefix").asString()).isEqualTo("/_controller");

        JsonNode t = echo(gateway.client().get().uri("/_templates/v1/templates").header("Host", BLOG + ".apps.test"));
        assertThat(t.get("upstream").asString()).isEqualTo("templates");
        assertThat(t.get("path").asString()).isEqualTo("/v1/templates");

        // the blog app has a root route, and still does not get reserved paths
        JsonNode unknown = errorBody(gateway.client().get().uri("/_nothing").header("Host", BLOG + ".apps.test"), 404);
        assertThat(unknown.get("error").get("code").asString()).isEqualTo("route_not_found");
    }

    @Test
    void unmatchedPathGetsAJson404() {
        JsonNode body = errorBody(gateway.client().get().uri("/nope/x"), 404);
        assertThat(body.get("error").get("code").asString()).isEqualTo("route_not_found");
        assertThat(body.get("error").get("message").asString()).contains(SHOP, "/nope/x");
        assertThat(body.get("error").get("details").get("path").asString()).isEqualTo("/nope/x");
    }

    @Test
    void refusedUpstreamGetsAJson502Quickly() {
        int closed = FreePorts.next();
        routes.put(SHOP, "/down", URI.create("http://127.0.0.1:" + closed));
        await().atMost(Duration.ofSeconds(2)).until(() -> status("/down") != 404);
        long start = System.nanoTime();
        JsonNode body = errorBody(gateway.client().get().uri("/down/x"), 502);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(body.get("error").get("code").asString()).isEqualTo("upstream_refused");
        assertThat(body.get("error").get("details").get("service").asString()).isEqualTo("svc-down");
    }

    @Test
    void slowUpstreamGetsAJson504AfterTheConfiguredTimeout() {
        long start = System.nanoTime();
        JsonNode body = errorBody(gateway.client().get().uri("/api/hang"), 504);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        assertThat(body.get("error").get("code").asString()).isEqualTo("upstream_timeout");
    }

    /** That changes apply live; how fast they apply is ReplicaPropagationTest's job. */
    @Test
    void routeChangesApplyLiveWithoutRestart() {
        Duration live = Duration.ofSeconds(5);
        String prefix = "/live-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(status(prefix)).isEqualTo(404);

        routes.put(SHOP, prefix, api.uri());
        await().atMost(live).pollInterval(Duration.ofMillis(5)).until(() -> status(prefix) == 200);

        routes.put(SHOP, prefix, blog.uri());
        await().atMost(live).pollInterval(Duration.ofMillis(5)).until(() ->
                "blog".equals(echo(gateway.client().get().uri(prefix)).get("upstream").asString()));

        routes.remove(SHOP, prefix);
        await().atMost(live).pollInterval(Duration.ofMillis(5)).until(() -> status(prefix) == 404);
    }

    @Test
    void aMalformedRouteIsSkippedWithOneWarningAndTheOthersAreServed(CapturedOutput output) {
        String app = "bad-" + SUFFIX;
        routes.putAll(app, Map.of(
                "/good", routes.encode(new RouteRecord("good", api.uri(), true, "d1", Instant.now())),
                "/broken", "{not json",
                "no-slash", routes.encode(new RouteRecord("x", api.uri(), true, "d1", Instant.now()))));
        try {
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    status(gateway.client().get().uri("/good").header("Host", app + ".apps.test")) == 200);
            assertThat(status(gateway.client().get().uri("/broken").header("Host", app + ".apps.test"))).isEqualTo(404);
            assertThat(status(gateway.client().get().uri("/no-slash").header("Host", app + ".apps.test")))
                    .isEqualTo(404);
            String key = "skyport:routes:" + app;
            await().atMost(Duration.ofSeconds(2)).until(() -> output.getOut().contains(key + " field 'no-slash'"));
            assertThat(output.getOut()).contains("Skipping route " + key + " field '/broken': not JSON");

            // announcing the app again re-reads the same bad values: no second warning
            routes.announce(app);
            routes.put(app, "/later", api.uri());
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    status(gateway.client().get().uri("/later").header("Host", app + ".apps.test")) == 200);
            assertThat(output.getOut().split("Skipping route " + key + " field '/broken'", -1)).hasSize(2);
        } finally {
            routes.deleteApp(app);
        }
    }

    @Test
    void reportsReadinessRoutesAndPerRouteMetrics() {
        status("/api/metrics-probe");
        status("/_controller/v1/apps/x/microservices");
        gateway.management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        gateway.management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk();

        JsonNode listing = JSON.readTree(gateway.management().get().uri("/actuator/skyportroutes").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(listing.get("apps").get(SHOP).toString()).contains("\"prefix\":\"/api\"", "\"prefix\":\"/api/v1\"");
        assertThat(listing.get("platform").toString()).contains("platform-controller", "platform-templates");

        String prometheus = gateway.management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).containsPattern(
                "skyport_gateway_requests_seconds_count\\{[^}]*app=\"" + SHOP + "\"[^}]*route=\"/api\"[^}]*status=\"2xx\"");
        assertThat(prometheus).doesNotContain("metrics-probe"); // raw paths never become tags
        assertThat(prometheus).containsPattern(
                "skyport_gateway_requests_seconds_count\\{[^}]*app=\"_platform\"[^}]*route=\"/_controller\"");
        assertThat(prometheus).doesNotContain("/v1/apps/x");
    }

    private static int status(String path) {
        return status(gateway.client().get().uri(path));
    }

    private static int status(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().returnResult(String.class).getStatus().value();
    }

    private static JsonNode echo(WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<String> result = request.exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        return JSON.readTree(result.getResponseBody());
    }

    private static JsonNode errorBody(WebTestClient.RequestHeadersSpec<?> request, int expectedStatus) {
        EntityExchangeResult<String> result = request.exchange().expectStatus().isEqualTo(expectedStatus)
                .expectHeader().contentType("application/json")
                .expectBody(String.class).returnResult();
        return JSON.readTree(result.getResponseBody());
    }
}
