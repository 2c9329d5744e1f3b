package dev.skyport.api.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteCodecTest {

    private final RouteCodec codec = new RouteCodec();

    @Test
    void roundTripsEveryField() {
        RouteRecord route = new RouteRecord("api", URI.create("http://127.0.0.1:32768"), true, "d-42",
                Instant.parse("2026-11-22T03:00:00Z"));
        String json = codec.encode(route);
        assertThat(json).contains("\"service\":\"api\"", "\"target\":\"http://127.0.0.1:32768\"",
                "\"stripPrefix\":true", "\"deploymentId\":\"d-42\"", "\"updatedAt\":\"2026-11-22T03:00:00Z\"");
        assertThat(codec.decode(json)).isEqualTo(route);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        RouteRecord route = codec.decode("""
                {"service":"api","target":"http://svc:80","updatedAt":"2026-01-01T00:00:00Z","weight":3}""");
        assertThat(route.stripPrefix()).isTrue();
        assertThat(route.deploymentId()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|not JSON",
        "[1,2]|not a JSON object",
        "{\"target\":\"http://a\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}|missing field 'service'",
        "{\"service\":\"s\",\"target\":\"ftp://a\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}|must be an absolute http",
        "{\"service\":\"s\",\"target\":\"http://a\",\"updatedAt\":\"yesterday\"}|ISO-8601",
        "{\"service\":\"s\",\"target\":\"http://a\",\"updatedAt\":\"2026-01-01T00:00:00Z\",\"stripPrefix\":\"yes\"}|true or false",
    })
    void saysWhatIsWrongWithABadValue(String json, String reason) {
        assertThatThrownBy(() -> codec.decode(json)).isInstanceOf(InvalidRouteException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void namesRoutesKeysPerApp() {
        assertThat(RedisKeys.routes("shop")).isEqualTo("skyport:routes:shop");
        assertThat(RedisKeys.appOfRoutesKey("skyport:routes:shop")).isEqualTo("shop");
        assertThat(RedisKeys.appOfRoutesKey("skyport:domains")).isNull();
    }

    @Test
    void normalizesHostNames() {
        assertThat(HostNames.normalize("Shop.Example.COM.:8443")).isEqualTo("shop.example.com");
        assertThat(HostNames.normalize("[::1]:8080")).isEqualTo("[::1]");
    }
}
