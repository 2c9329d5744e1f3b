package dev.skyport.cli.http;

import dev.skyport.cli.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads a Server-Sent Events stream that may break off. It is opened again with {@code Last-Event-ID}, so
 * no event is shown twice or lost, backing off between attempts and giving up after {@code maxAttempts}
 * failures in a row. A failure is a stream that could not be opened, broke, or ended before the reader was
 * done; any event in between resets the count.
 */
public final class ResumableEventStream {

    /** Opens the stream after {@code lastEventId}, or from its start when that is null. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String lastEventId);
    }

    /** Asked when a stream ended cleanly: null when reading is complete, else why it must be resumed. */
    @FunctionalInterface
    public interface EndCheck {
        String unfinishedReason();
    }

    private final String what;
    private final String advice;
    private final Duration firstBackoff;
    private final int maxAttempts;
    private final Consumer<String> notices;

    /**
     * @param what    the stream in notices and the final failure ({@code the build log})
     * @param advice  what to do once skycli gave up
     * @param notices hears one line per reconnection
     */
    public ResumableEventStream(String what, String advice, Duration firstBackoff, int maxAttempts,
                                Consumer<String> notices) {
        this.what = what;
        this.advice = advice;
        this.firstBackoff = firstBackoff;
        this.maxAttempts = maxAttempts;
        this.notices = notices;
    }

    /** Passes every event to {@code listener} once, in order, until {@code endCheck} says reading is done. */
    public void read(Source source, EndCheck endCheck, Consumer<SseEvent> listener) {
        String lastEventId = null;
        int failures = 0;
        while (true) {
            String problem;
            try (InputStream in = source.open(lastEventId); SseReader reader = new SseReader(in)) {
                SseEvent event;
                while ((event = reader.next()) != null) {
                    failures = 0;
                    if (event.id() != null) {
                        lastEventId = event.id();
                    }
                    listener.accept(event);
                }
                problem = endCheck.unfinishedReason();
                if (problem == null) {
                    return;
                }
            } catch (LogStreamException | IOException e) {
                problem = e.getMessage();
            }
            failures++;
            if (failures >= maxAttempts) {
                throw CliFailure.unreachable("lost " + what + " " + failures + " times in a row (" + problem + "); "
                        + advice, null);
            }
            notices.accept("reconnecting to " + what + " (" + problem + ")");
            pause(firstBackoff.multipliedBy(1L << Math.min(failures - 1, 5)));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        }
    }
}
