package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * One pod's part of an instance log stream. Without follow: the pod's log once. Following: the log with
 * {@code follow=true}, opened again whenever it ends while the pod may still write (the container
 * restarted; the kubelet or the network dropped the stream) from the last line's time, skipping what was
 * sent, after a pause that grows while attempts bring nothing (no busy loop on a log that cannot be
 * read). A pod whose container never started is not asked before it starts.
 *
 * <p>Never calls its {@link Output} while holding its own lock: the output takes the subscription's.
 */
final class PodLogFollow {

    private static final Logger log = LoggerFactory.getLogger(PodLogFollow.class);

    /** Where the pod's lines, its end and a failure go. */
    interface Output {

        void line(InstanceLogLine line);

        /** Nothing more will come from this pod (its log was read, or the pod ended); not after {@link #stop}. */
        void ended(PodLogFollow follow);

        /** The log may not be read at all (401, 403): the whole stream fails. */
        void failed(Throwable failure);
    }

    /** What a follow needs from the driver: a log stream, the pod as the informer has it now, a backoff. */
    interface Source {

        PodLogStream stream(PodLogRequest request);

        /** Null when the pod is gone. */
        Pod pod(String name);

        Backoff backoff();
    }

    private final String pod;
    private final InstanceLogQuery query;
    private final boolean tail;
    private final Source source;
    private final Output output;
    private final ResumePoint sent;
    private PodLogStream stream;
    private Disposable pending;
    /** Whether {@link #pending} waits out a pause (it may be cut short) rather than opening at once. */
    private boolean pausing;
    private Duration pause;
    private boolean stopped;

    /** @param tail whether the query's {@code tail} applies: only to the pods that existed when the stream began */
    PodLogFollow(String pod, InstanceLogQuery query, boolean tail, Source source, Output output) {
        this.pod = pod;
        this.query = query;
        this.tail = tail;
        this.source = source;
        this.output = output;
        this.sent = new ResumePoint(query.since());
        this.pause = source.backoff().first();
    }

    String pod() {
        return pod;
    }

    /** Opens the log now, or once the container starts ({@link #podChanged}); a never started one has none. */
    void start() {
        boolean opens;
        synchronized (this) {
            opens = containerStarted(source.pod(pod));
            if (opens) {
                schedule(Duration.ZERO);
            } else if (!query.follow()) {
                stopped = true;
            }
        }
        if (!opens && !query.follow()) {
            output.ended(this);
        }
    }

    /**
     * The informer saw the pod change: a container that started since is read at once, and one that runs
     * (again) while the stream waits to be re-opened is read without waiting for the rest of the pause.
     */
    synchronized void podChanged(Pod now) {
        if (stopped || stream != null) {
            return;
        }
        if (pending == null ? containerStarted(now) : pausing && containerRunning(now)) {
            if (pending != null) {
                pending.dispose();
            }
            schedule(Duration.ZERO);
        }
    }

    /** Closes the open stream and forgets the planned one. */
    void stop() {
        PodLogStream open;
        Disposable planned;
        synchronized (this) {
            stopped = true;
            open = stream;
            planned = pending;
            stream = null;
            pending = null;
        }
        if (planned != null) {
            planned.dispose();
        }
        if (open != null) {
            open.cancel();
        }
    }

    private void schedule(Duration delay) {
        pausing = !delay.isZero();
        // The open itself is quick, but the client's interceptors may read a token file: not on the
        // informer's thread nor on the HTTP client's.
        pending = delay.isZero() ? Schedulers.boundedElastic().schedule(this::open)
                : Schedulers.boundedElastic().schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void open() {
        PodLogStream opened;
        synchronized (this) {
            pending = null;
            if (stopped || stream != null) {
                return;
            }
            Instant resume = sent.last();
            PodLogRequest request = resume == null
                    ? new PodLogRequest(pod, query.follow(), query.since(), tail ? query.tail() : null)
                    : new PodLogRequest(pod, true, resume, null);
            opened = source.stream(request);
            stream = opened;
        }
        long openedAt = System.nanoTime();
        Predicate<KubeletLogLine> unsent = sent.unsent();
        AtomicBoolean delivered = new AtomicBoolean();
        opened.start(raw -> {
            if (received(opened, unsent, raw)) {
                delivered.set(true);
            }
        });
        opened.ended().whenComplete((done, failure) -> ended(opened, failure,
                delivered.get() || System.nanoTime() - openedAt > source.backoff().max().toNanos()));
    }

    private boolean received(PodLogStream from, Predicate<KubeletLogLine> unsent, String raw) {
        KubeletLogLine line;
        synchronized (this) {
            if (stopped || from != stream) {
                return false;
            }
            Instant last = sent.last();
            line = KubeletLogLine.parse(raw, last == null ? Instant.now() : last);
            if (!unsent.test(line)) {
                return false;
            }
            sent.sent(line);
        }
        output.line(new InstanceLogLine(line.time(), pod, InstanceLogLine.STDOUT, line.text()));
        return true;
    }

    /** @param healthy the stream brought new lines or stayed open a while: the next pause starts short again */
    private void ended(PodLogStream which, Throwable failure, boolean healthy) {
        boolean forbidden = failure instanceof PodLogStream.Refused refused
                && (refused.status() == 401 || refused.status() == 403);
        boolean over;
        synchronized (this) {
            if (stopped || which != stream) {
                return;
            }
            stream = null;
            over = forbidden || !query.follow() || !mayStillWrite(source.pod(pod));
            if (over) {
                stopped = true;
            } else {
                pause = healthy ? source.backoff().first() : source.backoff().after(pause);
                schedule(pause);
            }
        }
        if (failure != null && !forbidden) {
            log.debug("the log stream of pod {} ended: {}", pod, failure.toString());
        }
        if (forbidden) {
            output.failed(new IllegalStateException("the build farm may not read the log of pod " + pod + " ("
                    + failure.getMessage() + "); it needs get on pods/log in the app namespace", failure));
        } else if (over) {
            output.ended(this);
        }
    }

    /** Still there and not finished for good (a Deployment's pod restarts its container; Succeeded or Failed is final). */
    private static boolean mayStillWrite(Pod pod) {
        if (pod == null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    private static boolean containerStarted(Pod pod) {
        ContainerStatus status = appContainer(pod);
        return status != null && ((status.getState() != null && (status.getState().getRunning() != null
                || status.getState().getTerminated() != null))
                || (status.getLastState() != null && status.getLastState().getTerminated() != null));
    }

    private static boolean containerRunning(Pod pod) {
        ContainerStatus status = appContainer(pod);
        return status != null && status.getState() != null && status.getState().getRunning() != null;
    }

    private static ContainerStatus appContainer(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses == null ? null : statuses.stream()
                .filter(s -> InstanceObjects.CONTAINER.equals(s.getName())).findFirst().orElse(null);
    }
}
