package dev.skyport.cli.deploy;

import dev.skyport.cli.output.Bytes;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows an upload's progress: bytes, rate and ETA. On a terminal it redraws one bar line; otherwise
 * (a log, a CI job) it prints a plain line every few seconds, and one at the end.
 */
public final class UploadProgress {

    private static final long TTY_INTERVAL_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long started;
    private long lastPrinted;

    public UploadProgress(PrintStream out, boolean terminal, String label, long total, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.lastPrinted = started;
    }

    /** Called with the bytes sent so far, as often as they change; prints only when due. */
    public synchronized void update(long sent) {
        long now = clock.getAsLong();
        if (now - lastPrinted < (terminal ? TTY_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS) || sent >= total) {
            return;
        }
        lastPrinted = now;
        print(sent, now, false);
    }

    /** Prints the final state once the upload is done. */
    public synchronized void finish(long sent) {
        print(sent, clock.getAsLong(), true);
    }

    private void print(long sent, long now, boolean done) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = sent / seconds;
        int percent = total == 0 ? 100 : (int) (sent * 100 / total);
        if (done) {
            String line = label + ": uploaded " + Bytes.human(sent) + " in " + String.format(Locale.ROOT, "%.1fs", seconds)
                    + " (" + Bytes.human((long) rate) + "/s)";
            out.println(terminal ? "\r" + pad(line) : line);
            return;
        }
        String eta = rate <= 0 ? "?" : Math.round((total - sent) / rate) + "s";
        String numbers = Bytes.human(sent) + " / " + Bytes.human(total) + "  " + Bytes.human((long) rate) + "/s  ETA "
                + eta;
        if (terminal) {
            int filled = BAR_WIDTH * percent / 100;
            out.print("\r" + label + ": [" + "=".repeat(filled) + (filled < BAR_WIDTH ? ">" : "")
                    + " ".repeat(Math.max(0, BAR_WIDTH - filled - 1)) + "] " + percent + "%  " + numbers + "   ");
            out.flush();
        } else {
            out.println(label + ": uploading " + percent + "%  " + numbers);
        }
    }

    private static String pad(String line) {
        return line + " ".repeat(Math.max(0, 100 - line.length()));
    }
}
