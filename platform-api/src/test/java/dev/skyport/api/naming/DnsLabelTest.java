package dev.skyport.api.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "shop", "api-2", "0abc"})
    void acceptsLabels(String name) {
        assertThat(DnsLabel.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "A", "a_b", "a.b"})
    void rejectsWhatIsNotALabel(String name) {
        assertThat(DnsLabel.isValid(name)).isFalse();
    }

    @Test
    void rejectsLabelsLongerThan63() {
        assertThat(DnsLabel.isValid("a".repeat(63))).isTrue();
        assertThat(DnsLabel.isValid("a".repeat(64))).isFalse();
    }

    @Test
    void suggestsTheClosestLabel() {
        assertThat(DnsLabel.suggest("My_API")).isEqualTo("my-api");
        assertThat(DnsLabel.suggest("__")).isNull();
    }

    @Test
    void explainsTheRuleAndSuggestsALabel() {
        assertThat(DnsLabel.explain("app", "My_Shop")).isEqualTo("app 'My_Shop' is not a DNS label: use at most 63"
                + " lower-case letters, digits and '-', starting and ending with a letter or digit;"
                + " did you mean 'my-shop'?");
        assertThat(DnsLabel.explain("microservice name", "__")).endsWith("starting and ending with a letter or digit");
    }
}
