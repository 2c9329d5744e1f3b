package dev.skyport.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.cli.CliFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogSinceTest {

    @ParameterizedTest
    @ValueSource(strings = {"30s", "10m", "2h", "1d", "0s", "2026-12-02T12:00:00Z", "2026-12-02T12:00:00.5Z",
            "2026-12-02T13:00:00+01:00"})
    void acceptsDurationsAndRfc3339Times(String since) {
        assertThat(LogSince.check(since)).isEqualTo(since);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 m", "10min", "1w", "-5m", "1.5h", "2026-12-02T12:00:00", "2026-12-02",
            "yesterday", ""})
    void rejectsTheRestWithExamples(String since) {
        assertThatThrownBy(() -> LogSince.check(since)).isInstanceOf(CliFailure.class)
                .hasMessageContaining("is neither a duration").hasMessageContaining("10m");
    }
}
