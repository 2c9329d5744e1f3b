package dev.skyport.cli.logs;

import dev.skyport.cli.CliFailure;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** {@code --since}: checked here too, so a typo fails before any request with an example of what works. */
public final class LogSince {

    private static final Pattern DURATION = Pattern.compile("[0-9]+[smhd]");

    private LogSince() {
    }

    /** {@code value} as given, when it is a duration ({@code 10m}) or an RFC 3339 time. */
    public static String check(String value) {
        if (DURATION.matcher(value).matches() || isTimestamp(value)) {
            return value;
        }
        throw CliFailure.usage("--since '" + value + "' is neither a duration (a whole number and s, m, h or d:"
                + " 30s, 10m, 2h, 1d) nor an RFC 3339 time with a zone (2026-12-02T12:00:00Z,"
                + " 2026-12-02T13:00:00+01:00)");
    }

    private static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
