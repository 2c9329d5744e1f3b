package dev.skyport.catalog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.skyport.catalog.source.InvalidTemplatesException;
import dev.skyport.catalog.source.SettingsFile;

class RuntimeSettingsTest {

    @Test
    void readsDatesFlagsAndTheDefault() {
        RuntimeSettings settings = parse("""
                # comment
                20.eol = 2026-04-30
                8.eol = true
                22.eol = false
                default = 20
                """);

        assertThat(settings.defaultVersion()).hasValue("20");
        assertThat(settings.endOfLife("20")).isEqualTo(new EndOfLife.Since(LocalDate.of(2026, 4, 30)));
        assertThat(settings.endOfLife("8")).isEqualTo(new EndOfLife.Flag(true));
        assertThat(settings.endOfLife("22")).isEqualTo(new EndOfLife.Flag(false));
        assertThat(settings.endOfLife("24")).as("no entry: supported").isEqualTo(EndOfLife.SUPPORTED);
    }

    @Test
    void aDateIsEndOfLifeFromThatDayOn() {
        EndOfLife since = new EndOfLife.Since(LocalDate.of(2026, 4, 30));

        assertThat(since.reachedOn(LocalDate.of(2026, 4, 29))).isFalse();
        assertThat(since.reachedOn(LocalDate.of(2026, 4, 30))).isTrue();
        assertThat(since.reachedOn(LocalDate.of(2026, 11, 22))).isTrue();
    }

    @Test
    void unknownKeysAndBadValuesAreNamedWithTheFile() {
        assertThatThrownBy(() -> parse("""
                20.eol = April 2026
                deafult = 22
                default =
                """))
                .isInstanceOf(InvalidTemplatesException.class)
                .hasMessageContaining("(3 problems)")
                .hasMessageContaining("/t/nodejs/runtime.properties: 20.eol = 'April 2026' is neither true, false nor a date like 2026-04-30")
                .hasMessageContaining("/t/nodejs/runtime.properties: unknown key 'deafult'")
                .hasMessageContaining("'default' is empty");
    }

    private static RuntimeSettings parse(String text) {
        return RuntimeSettings.parse(new SettingsFile("/t/nodejs/runtime.properties", text.getBytes(StandardCharsets.UTF_8)));
    }
}
