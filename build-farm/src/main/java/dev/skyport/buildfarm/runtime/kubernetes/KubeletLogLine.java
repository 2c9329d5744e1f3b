package dev.skyport.buildfarm.runtime.kubernetes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One line of {@code pods/log?timestamps=true}: the kubelet writes its RFC3339Nano receive time, a space,
 * then what the container wrote.
 *
 * @param time when the kubelet received the line
 * @param text the line without the timestamp and without its line break
 */
record KubeletLogLine(Instant time, String text) {

    /** Splits the timestamp off; a line without one (never seen from a kubelet) keeps all its text and gets {@code fallback}. */
    static KubeletLogLine parse(String raw, Instant fallback) {
        int space = raw.indexOf(' ');
        String stamp = space < 0 ? raw : raw.substring(0, space);
        try {
            return new KubeletLogLine(OffsetDateTime.parse(stamp).toInstant(), space < 0 ? "" : raw.substring(space + 1));
        } catch (DateTimeParseException e) {
            return new KubeletLogLine(fallback, raw);
        }
    }
}
