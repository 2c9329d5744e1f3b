package dev.skyport.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgeTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void showsTheLargestWholeUnit() {
        assertThat(Age.between(NOW.minusSeconds(45), NOW)).isEqualTo("45s");
        assertThat(Age.between(NOW.minusSeconds(5 * 60 + 59), NOW)).isEqualTo("5m");
        assertThat(Age.between(NOW.minusSeconds(3 * 3600 + 1), NOW)).isEqualTo("3h");
        assertThat(Age.between(NOW.minusSeconds(2 * 86_400 + 7200), NOW)).isEqualTo("2d");
    }

    @Test
    void aTimeAheadOfTheLocalClockIsNoAgeRatherThanANegativeOne() {
        assertThat(Age.between(NOW.plusSeconds(3), NOW)).isEqualTo("0s");
    }
}
