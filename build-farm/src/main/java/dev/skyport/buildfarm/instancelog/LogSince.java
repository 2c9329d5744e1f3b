package dev.skyport.buildfarm.instancelog;

import dev.skyport.buildfarm.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ?since=}: a duration back from now ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}) or an RFC 3339 time. */
final class LogSince {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private LogSince() {
    }

    static Instant parse(String since, Instant now) {
        if (since == null || since.isBlank()) {
            return null;
        }
        String value = since.strip();
        Matcher duration = DURATION.matcher(value);
        if (duration.matches()) {
            long amount = Long.parseLong(duration.group(1));
            Duration back = switch (duration.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(back);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_since", "since '" + since + "' is neither a duration (digits then"
                    + " s, m, h or d: 90s, 10m, 2h, 1d) nor an RFC 3339 time (2026-12-02T10:00:00Z)",
                    Map.of("since", since));
        }
    }
}
