package dev.skyport.catalog.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** When a version stops being supported upstream, as a runtime's settings file states it. */
public sealed interface EndOfLife permits EndOfLife.Flag, EndOfLife.Since {

    EndOfLife SUPPORTED = new Flag(false);

    boolean reachedOn(LocalDate day);

    /** {@code true} or {@code false}, whatever the date. */
    record Flag(boolean endOfLife) implements EndOfLife {
        @Override
        public boolean reachedOn(LocalDate day) {
            return endOfLife;
        }
    }

    /** End-of-life from {@code date} on. */
    record Since(LocalDate date) implements EndOfLife {
        @Override
        public boolean reachedOn(LocalDate day) {
            return !day.isBefore(date);
        }
    }

    /** Reads {@code true}, {@code false} or an ISO date ({@code 2026-04-30}). */
    static EndOfLife parse(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return new Flag(Boolean.parseBoolean(value));
        }
        try {
            return new Since(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is neither true, false nor a date like 2026-04-30");
        }
    }
}
