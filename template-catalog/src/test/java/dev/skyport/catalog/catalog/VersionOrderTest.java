package dev.skyport.catalog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void numbersCompareAsNumbers() {
        assertThat(sorted("3.13", "2.7", "3.8", "3.11", "3.5", "3.12")).containsExactly("2.7", "3.5", "3.8", "3.11", "3.12", "3.13");
        assertThat(sorted("22", "8", "10", "20", "12", "18")).containsExactly("8", "10", "12", "18", "20", "22");
    }

    @Test
    void aPrefixComesFirstAndNumbersBeforeText() {
        assertThat(sorted("3.1", "3", "3.1.2")).containsExactly("3", "3.1", "3.1.2");
        assertThat(sorted("3.13-slim", "3.13-alpine", "3.13", "3.13-1")).containsExactly("3.13", "3.13-1", "3.13-alpine", "3.13-slim");
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        assertThat(sorted("99999999999999999999", "100000000000000000000")).containsExactly("99999999999999999999", "100000000000000000000");
    }

    private static List<String> sorted(String... versions) {
        return List.of(versions).stream().sorted(VersionOrder.INSTANCE).toList();
    }
}
