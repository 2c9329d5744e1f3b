package dev.skyport.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.gateway.filter.RouteMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppRoutesTest {

    private final ServedRouteFactory factory = new ServedRouteFactory(new RouteMeters(new SimpleMeterRegistry()));

    private AppRoutes routes(String... prefixes) {
        Map<String, ServedRoute> map = new HashMap<>();
        for (String p : prefixes) {
            RoutePrefix prefix = RoutePrefix.of(p);
            RouteRecord record = new RouteRecord("svc", URI.create("http://127.0.0.1:1"), true, "d", Instant.EPOCH);
            map.put(prefix.value(), factory.create("app", prefix, record, p));
        }
        return new AppRoutes(map);
    }

    private static String matched(AppRoutes routes, String path) {
        ServedRoute route = routes.match(path);
        return route == null ? "none" : route.prefix().value();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/a,/a", "/a/,/a", "/a/b,/a", "/a//b,/a", "/apple,none", "/b,none", "/,none", "/a/bc,/a",
    })
    void matchesWholeSegmentsOnly(String path, String expected) {
        assertThat(matched(routes("/a"), path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/v1/users,/api/v1", "/api/v1,/api/v1", "/api/v2,/api", "/api,/api", "/other,/", "/,/",
        "/api/v1x,/api", "/api/v1/deep/er/path/,/api/v1",
    })
    void longestPrefixWins(String path, String expected) {
        assertThat(matched(routes("/", "/api", "/api/v1"), path)).isEqualTo(expected);
    }

    @Test
    void trailingSlashInTheRouteMakesNoDifference() {
        assertThat(matched(routes("/shop/"), "/shop")).isEqualTo("/shop");
        assertThat(matched(routes("/shop"), "/shop/")).isEqualTo("/shop");
    }

    @Test
    void findsTheRightRouteAmongTenThousand() {
        java.util.List<String> prefixes = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            prefixes.add("/svc-" + i);
            if (i % 3 == 0) {
                prefixes.add("/svc-" + i + "/v" + i);
            }
        }
        AppRoutes many = routes(prefixes.toArray(String[]::new));
        assertThat(matched(many, "/svc-9999/x")).isEqualTo("/svc-9999");
        assertThat(matched(many, "/svc-9999/v9999/x")).isEqualTo("/svc-9999/v9999");
        assertThat(matched(many, "/svc-10000")).isEqualTo("none");
    }
}
