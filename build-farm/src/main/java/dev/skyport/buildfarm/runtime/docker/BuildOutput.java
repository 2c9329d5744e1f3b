package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.skyport.buildfarm.runtime.BuildLog;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream of one {@code docker build}: copies its lines into the build log, remembers the current
 * step, the images the steps made and the error, and ends the build when it is abandoned.
 *
 * <p>Closing the stream is how a build is stopped: the Engine sees the client go and refuses the next
 * step. It does not stop a step that is past that check, and when the last step ends it tags the image
 * even though nobody listens. A build abandoned near its end therefore runs to its end (bounded by
 * {@link #LAST_STEPS_GRACE}), so that the tag exists before the caller removes what the build made.
 */
final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {

    /** How long a build abandoned in its last two steps may go on before its stream is closed anyway. */
    static final Duration LAST_STEPS_GRACE = Duration.ofSeconds(60);

    /** {@code Step 3/5 : RUN make}: the step numbers count every stage's instructions. */
    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) :.*");
    /** {@code ---> 3f2a...}: the image a build step made (or took from the cache). */
    private static final Pattern STEP_IMAGE = Pattern.compile("^\\s*---> ([0-9a-f]{12,64})$");

    private final BuildLog log;
    private final List<String> stepImages = new CopyOnWriteArrayList<>();
    private volatile String lastStep;
    private volatile String error;
    private int step;
    private int steps;
    private boolean abandoned;
    private boolean stopping;

    BuildOutput(BuildLog log) {
        this.log = log;
    }

    @Override
    public void onStart(Closeable stream) {
        super.onStart(stream);
        boolean stopped;
        synchronized (this) {
            stopped = stopping;
        }
        if (stopped) {
            // Stopped before the Engine answered: that close found no stream to close.
            closeQuietly(stream);
        }
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            for (String line : item.getStream().split("\r?\n")) {
                String text = line.stripTrailing();
                if (!text.isEmpty()) {
                    read(text);
                }
            }
        }
        if (item.getErrorDetail() != null) {
            error = item.getErrorDetail().getMessage() != null ? item.getErrorDetail().getMessage()
                    : "error code " + item.getErrorDetail().getCode();
            log.line("ERROR: " + error);
        }
    }

    private void read(String text) {
        Matcher step = STEP.matcher(text);
        if (step.matches()) {
            lastStep = text;
            stepReached(Integer.parseInt(step.group(1)), Integer.parseInt(step.group(2)));
        }
        Matcher image = STEP_IMAGE.matcher(text);
        if (image.matches()) {
            stepImages.add(image.group(1));
        }
        log.line(text);
    }

    private void stepReached(int number, int total) {
        boolean stopNow;
        synchronized (this) {
            step = number;
            steps = total;
            stopNow = abandoned && atLeastTwoChecksLeft();
        }
        if (stopNow) {
            stop();
        }
    }

    /**
     * Nobody wants the build any more. {@code atOnce}: stop it now (the build farm shuts down, and the
     * next start builds the deployment again under the same tag). Otherwise it stops now when at least
     * two step checks remain (should the Engine see the close only after the next check, the one after
     * refuses), and else runs to its end, within the grace. Before the first step line the count is
     * unknown; that line decides.
     */
    void abandon(boolean atOnce) {
        boolean stopNow;
        synchronized (this) {
            if (abandoned) {
                return;
            }
            abandoned = true;
            stopNow = atOnce || atLeastTwoChecksLeft();
        }
        if (stopNow) {
            stop();
        } else {
            CompletableFuture.delayedExecutor(LAST_STEPS_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(this::stop);
        }
    }

    private boolean atLeastTwoChecksLeft() {
        return steps > 0 && steps - step >= 2;
    }

    /** Closes the stream, which also ends {@link #awaitCompletion}; when the Engine has not answered yet, {@link #onStart} closes it. */
    void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        closeQuietly(this);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // the build is being stopped; nothing to add
        }
    }

    String lastStep() {
        return lastStep;
    }

    String error() {
        return error;
    }

    List<String> stepImages() {
        return stepImages;
    }
}
