package dev.skyport.buildfarm.runtime.kubernetes;

import java.time.Duration;

/**
 * The pause before a log stream is opened again: {@code first}, doubled after each attempt that brought
 * nothing, up to {@code max}.
 */
record Backoff(Duration first, Duration max) {

    Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff " + first + " to " + max);
        }
    }

    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
