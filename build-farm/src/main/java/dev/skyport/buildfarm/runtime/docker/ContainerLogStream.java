package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.skyport.api.microservice.InstanceLogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * One container's log stream, read with timestamps: each line starts with the Engine's RFC 3339 time
 * and a space. Frames may end mid-line (long lines, TTY containers), so an unfinished line waits for
 * the rest.
 */
final class ContainerLogStream extends ResultCallback.Adapter<Frame> {

    private final String instance;
    private final Instant since;
    private final Consumer<InstanceLogLine> lines;
    private final StringBuilder stdoutRest = new StringBuilder();
    private final StringBuilder stderrRest = new StringBuilder();
    private volatile Runnable onEnd = () -> { };
    private volatile boolean ended;
    private volatile Instant lastTime;
    private volatile String lastText;
    private Instant skipThroughTime;
    private String skipThroughText;

    /** {@code since}: lines before it are dropped (the Engine filters by whole seconds only). */
    ContainerLogStream(String instance, Instant since, Consumer<InstanceLogLine> lines) {
        this.instance = instance;
        this.since = since;
        this.lines = lines;
    }

    /** Reading again after a restart: drops what was sent already, up to this line. */
    void skipThrough(Instant time, String text) {
        this.skipThroughTime = time;
        this.skipThroughText = text;
    }

    void onEnd(Runnable action) {
        this.onEnd = action;
    }

    void open(LogContainerCmd command) {
        command.exec(this);
    }

    @Override
    public void onNext(Frame frame) {
        boolean stderr = frame.getStreamType() == StreamType.STDERR;
        StringBuilder rest = stderr ? stderrRest : stdoutRest;
        synchronized (rest) {
            rest.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int end;
            while ((end = rest.indexOf("\n")) >= 0) {
                String line = rest.substring(0, end);
                rest.delete(0, end + 1);
                line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, stderr);
            }
        }
    }

    private void line(String stamped, boolean stderr) {
        int space = stamped.indexOf(' ');
        Instant time;
        String text;
        try {
            time = Instant.parse(space < 0 ? stamped : stamped.substring(0, space));
            text = space < 0 ? "" : stamped.substring(space + 1);
        } catch (DateTimeParseException notStamped) {
            // a continuation of a line cut by the Engine carries no timestamp
            time = lastTime == null ? Instant.now() : lastTime;
            text = stamped;
        }
        if (since != null && time.isBefore(since) || alreadySent(time, text)) {
            return;
        }
        lastTime = time;
        lastText = text;
        lines.accept(new InstanceLogLine(time, instance, stderr ? InstanceLogLine.STDERR : InstanceLogLine.STDOUT,
                text));
    }

    private boolean alreadySent(Instant time, String text) {
        if (skipThroughTime == null) {
            return false;
        }
        if (time.isBefore(skipThroughTime)) {
            return true;
        }
        if (time.equals(skipThroughTime) && text.equals(skipThroughText)) {
            skipThroughTime = null;
            return true;
        }
        skipThroughTime = null;
        return false;
    }

    @Override
    public void onComplete() {
        super.onComplete();
        end();
    }

    @Override
    public void onError(Throwable throwable) {
        // a stream that breaks ends like one that finishes; following picks the container up again
        closeQuietly();
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }

    boolean ended() {
        return ended;
    }

    Instant lastTime() {
        return lastTime;
    }

    String lastText() {
        return lastText;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // already closed, or the Engine went away
        }
    }
}
