package dev.skyport.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmbiguousPathsTest {

    @ParameterizedTest(name = "{0} breaks {1} under every policy")
    @CsvSource(delimiter = ' ', value = {
            "/a/%2F/b encoded_slash",
            "/a%2fb encoded_slash",
            "/a%5Cb encoded_slash",
            "/a%5cb encoded_slash",
            "/a\\b backslash",
            "/a%00b control_character",
            "/a%0Ab control_character",
            "/a%7fb control_character",
            "/a%zz malformed_escape",
            "/a%4 malformed_escape",
            "/a% malformed_escape",
            "/a%%41 malformed_escape",
            "/a%٣٣ malformed_escape",
            "/a//b empty_segment",
            "//a empty_segment",
            "/a/./b dot_segment",
            "/a/../b dot_segment",
            "/.. dot_segment",
            "/a/. dot_segment",
            "/a/%2e/b dot_segment",
            "/a/%2E%2E/b dot_segment",
            "/a/.%2e/b dot_segment",
            "/a/%2e./b dot_segment",
            "/a/..;x/b dot_segment",
            "/a/..%3Bx/b dot_segment",
    })
    void refusedUnderEveryPolicy(String path, String rule) {
        assertThat(AmbiguousPaths.find(path, PathPolicy.STRICT)).hasValueSatisfying(p -> assertThat(p.rule()).isEqualTo(rule));
        assertThat(AmbiguousPaths.find(path, PathPolicy.RELAXED)).hasValueSatisfying(p -> assertThat(p.rule()).isEqualTo(rule));
    }

    @ParameterizedTest(name = "{0} breaks {1} only when strict")
    @CsvSource(delimiter = ' ', value = {
            "/v1;/apps matrix_parameter",
            "/v1;jsessionid=1 matrix_parameter",
            "/v1%3B/apps matrix_parameter",
            "/v1%3b/apps matrix_parameter",
            "/%76%31/tokens encoded_unreserved",
            "/a%2Eb encoded_unreserved",
            "/a%7E encoded_unreserved",
            "/a%5f encoded_unreserved",
            "/%C0%AE%C0%AE/etc invalid_utf8_escape",
            "/a/%c0%af/b invalid_utf8_escape",
            "/a/%E0%80%AE invalid_utf8_escape",
            "/caf%C3 invalid_utf8_escape",
            "/caf%C3x invalid_utf8_escape",
            "/a%A9 invalid_utf8_escape",
            "/a%FF invalid_utf8_escape",
            "/a%ED%A0%80 invalid_utf8_escape",
    })
    void refusedOnlyWhenStrict(String path, String rule) {
        assertThat(AmbiguousPaths.find(path, PathPolicy.STRICT)).hasValueSatisfying(p -> assertThat(p.rule()).isEqualTo(rule));
        assertThat(AmbiguousPaths.find(path, PathPolicy.RELAXED)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is unambiguous")
    @ValueSource(strings = {"/", "/a", "/a/", "/a/b/", "/a.b/c..d/...", "/a%20b", "/caf%C3%A9", "/100%25",
            "/%E2%82%AC%20%F0%9F%98%80", "/caf%c3%a9%20cr%C3%A8me",
            "/a-b_c~d", "/a:b@c!$&'()*+,=", "/.well-known/x"})
    void plainPathsPass(String path) {
        assertThat(AmbiguousPaths.find(path, PathPolicy.STRICT)).isEmpty();
        assertThat(AmbiguousPaths.find(path, PathPolicy.RELAXED)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/x/..", "/x/%2e%2e"})
    void dotSegmentWinsOverSpelling(String path) {
        assertThat(AmbiguousPaths.find(path, PathPolicy.STRICT).orElseThrow().rule()).isEqualTo("dot_segment");
    }

    @org.junit.jupiter.api.Test
    void theMessageForAnOverlongDotNamesTheEscapes() {
        assertThat(AmbiguousPaths.find("/%C0%AE%C0%AE/etc", PathPolicy.STRICT).orElseThrow().message())
                .contains("%C0%AE%C0%AE", "not valid UTF-8");
    }

    @org.junit.jupiter.api.Test
    void theMessageForAnEncodedLetterGivesThePlainSpelling() {
        assertThat(AmbiguousPaths.find("/_controller/%76%31/tokens", PathPolicy.STRICT).orElseThrow().message())
                .contains("'v'", "%76", "Send /_controller/v1/tokens");
    }
}
