package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * One subscriber's instance log stream: a {@link PodLogFollow} per pod of the microservice. Without
 * follow: the pods the informer has now, then the end. Following: a handler on the shared app-pod
 * informer adds a follow for each pod that exists or appears and stops it when the pod is deleted, until
 * {@link #close}.
 */
final class InstanceLogSubscription implements PodLogFollow.Output {

    private static final Logger log = LoggerFactory.getLogger(InstanceLogSubscription.class);

    private final MicroserviceKey microservice;
    private final InstanceLogQuery query;
    private final InstanceLogs logs;
    private final FluxSink<InstanceLogLine> sink;
    private final Map<String, PodLogFollow> pods = new HashMap<>();
    private AutoCloseable podWatch;
    private boolean closed;

    InstanceLogSubscription(MicroserviceKey microservice, InstanceLogQuery query, InstanceLogs logs,
                            FluxSink<InstanceLogLine> sink) {
        this.microservice = microservice;
        this.query = query;
        this.logs = logs;
        this.sink = sink;
    }

    void start() {
        List<PodLogFollow> started = new ArrayList<>();
        boolean empty;
        synchronized (this) {
            if (closed) {
                return;
            }
            List<Pod> now = logs.events().appPodsOf(microservice);
            if (query.follow()) {
                Set<String> existing = now.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
                podWatch = logs.watchPods(microservice, new Handler(existing));
                return;
            }
            // All registered before any starts: one that ends at once must not find the map empty.
            now.forEach(pod -> started.add(add(pod.getMetadata().getName(), true)));
            empty = pods.isEmpty();
        }
        if (empty) {
            sink.complete();
        }
        started.forEach(PodLogFollow::start);
    }

    /** Stops every pod's follow and the pod handler; idempotent. */
    void close() {
        AutoCloseable watch;
        List<PodLogFollow> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            watch = podWatch;
            podWatch = null;
            all = new ArrayList<>(pods.values());
            pods.clear();
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                log.warn("cannot stop watching the pods of {}: {}", microservice, e.toString());
            }
        }
        all.forEach(PodLogFollow::stop);
    }

    /** Ends the stream for the subscriber, as if every pod had ended. */
    void complete() {
        close();
        sink.complete();
    }

    private PodLogFollow add(String pod, boolean existed) {
        PodLogFollow follow = new PodLogFollow(pod, query, existed, logs, this);
        pods.put(pod, follow);
        return follow;
    }

    @Override
    public void line(InstanceLogLine line) {
        sink.next(line);
    }

    @Override
    public void ended(PodLogFollow follow) {
        boolean complete;
        synchronized (this) {
            pods.remove(follow.pod(), follow);
            complete = !closed && !query.follow() && pods.isEmpty();
        }
        if (complete) {
            sink.complete();
        }
    }

    @Override
    public void failed(Throwable failure) {
        sink.error(failure);
    }

    /** Runs on the informer's thread: only bookkeeping and scheduling. */
    private final class Handler implements ResourceEventHandler<Pod> {

        private final Set<String> existing;

        Handler(Set<String> existing) {
            this.existing = existing;
        }

        @Override
        public void onAdd(Pod pod) {
            String name = pod.getMetadata().getName();
            PodLogFollow follow;
            PodLogFollow replaced;
            synchronized (InstanceLogSubscription.this) {
                if (closed) {
                    return;
                }
                replaced = pods.get(name);
                follow = add(name, existing.contains(name));
            }
            if (replaced != null) {
                replaced.stop();
            }
            follow.start();
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            PodLogFollow follow;
            synchronized (InstanceLogSubscription.this) {
                follow = closed ? null : pods.get(after.getMetadata().getName());
            }
            if (follow != null) {
                follow.podChanged(after);
            }
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            PodLogFollow follow;
            synchronized (InstanceLogSubscription.this) {
                follow = pods.remove(pod.getMetadata().getName());
            }
            if (follow != null) {
                follow.stop();
            }
        }
    }
}
