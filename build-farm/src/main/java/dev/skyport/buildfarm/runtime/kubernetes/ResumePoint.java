package dev.skyport.buildfarm.runtime.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where a pod's log resumes when its stream is opened again: from the last sent line's time, skipping
 * what was already sent. Lines are told apart by time and text. A re-opened stream repeats lines: those
 * at the last time, and (the API server hands {@code sinceTime} on to the kubelet in whole seconds)
 * earlier ones of the same second. Lines before the query's {@code since} are never sent, for the same
 * reason.
 */
final class ResumePoint {

    private final Instant since;
    private Instant last;
    private final List<String> sentAtLast = new ArrayList<>();

    /** @param since the query's lower bound; null for none */
    ResumePoint(Instant since) {
        this.since = since;
    }

    /** The time a re-opened stream starts from; null while nothing was sent. */
    synchronized Instant last() {
        return last;
    }

    synchronized void sent(KubeletLogLine line) {
        if (last == null || line.time().isAfter(last)) {
            last = line.time();
            sentAtLast.clear();
        }
        sentAtLast.add(line.text());
    }

    /** For the next stream: true for each line not sent yet (a line sent twice at one time is skipped twice). */
    synchronized Predicate<KubeletLogLine> unsent() {
        Instant from = last;
        List<String> repeats = new ArrayList<>(sentAtLast);
        return line -> {
            if (since != null && line.time().isBefore(since)) {
                return false;
            }
            if (from == null || line.time().isAfter(from)) {
                return true;
            }
            return line.time().equals(from) && !repeats.remove(line.text());
        };
    }
}
