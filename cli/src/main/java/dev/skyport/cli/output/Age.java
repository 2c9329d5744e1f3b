package dev.skyport.cli.output;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, in its largest whole unit: {@code 45s}, {@code 5m}, {@code 3h}, {@code 2d}. */
public final class Age {

    private Age() {
    }

    public static String between(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        // a build farm clock slightly ahead of this machine's must not show a negative age
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + "h";
        }
        return seconds / 86_400 + "d";
    }
}
