package dev.skyport.api.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePrefixTest {

    @ParameterizedTest
    @CsvSource({"/api/,/api", "/api,/api", "/api///,/api", "/,/", "///,/", " /a/b/ ,/a/b"})
    void trailingSlashesMakeNoDifference(String raw, String normalized) {
        assertThat(RoutePrefix.of(raw).value()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "/a//b", "/a/../b", "/a/./b", "/a b", "/a?x", "/a#x", "/a\\b"})
    void rejectsWhatCannotBeAPrefix(String raw) {
        assertThatThrownBy(() -> RoutePrefix.of(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route prefix");
    }

    @Test
    void countsSegments() {
        assertThat(RoutePrefix.of("/").segmentCount()).isZero();
        assertThat(RoutePrefix.of("/a").segmentCount()).isEqualTo(1);
        assertThat(RoutePrefix.of("/a/b/").segmentCount()).isEqualTo(2);
    }

    @Test
    void knowsTheReservedSpace() {
        assertThat(RoutePrefix.of("/_controller").isReserved()).isTrue();
        assertThat(RoutePrefix.of("/a_b").isReserved()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"/_controller/v1/tokens,true", "/_,true", "/_templates,true", "/,false", "/api/_x,false",
            "/%5Fcontroller,false", "_x,false"})
    void knowsTheReservedSpaceOfARawPath(String path, boolean reserved) {
        assertThat(RoutePrefix.isReserved(path)).isEqualTo(reserved);
    }
}
