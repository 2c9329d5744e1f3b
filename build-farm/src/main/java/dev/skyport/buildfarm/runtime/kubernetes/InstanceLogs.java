package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What a microservice's pods write, from {@code pods/log?timestamps=true} of each pod the app-pod
 * informer has with the microservice's labels (see {@link InstanceLogSubscription}, {@link PodLogFollow}).
 * No thread waits on a log: responses are read as the HTTP client receives them. What may block a little
 * (subscribing, which reads the informer's cache, and closing, which takes its lock and cancels HTTP
 * exchanges) runs on {@link Schedulers#boundedElastic()}, never on the subscriber's or canceller's
 * thread, which may be an event loop.
 */
final class InstanceLogs implements PodLogFollow.Source {

    /** A stream that ends while its pod runs is opened again after 250 ms, then up to 5 s while attempts bring nothing. */
    static final Backoff REOPEN = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

    private final HttpClient http;
    private final String masterUrl;
    private final String namespace;
    private final ClusterEvents events;
    private final Backoff backoff;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger podWatches = new AtomicInteger();
    private final Set<InstanceLogSubscription> active = ConcurrentHashMap.newKeySet();

    InstanceLogs(KubernetesClient client, String namespace, ClusterEvents events, Backoff backoff) {
        this.http = client.getHttpClient();
        this.masterUrl = client.getMasterUrl().toString();
        this.namespace = namespace;
        this.events = events;
        this.backoff = backoff;
    }

    Flux<InstanceLogLine> of(MicroserviceKey microservice, InstanceLogQuery query) {
        return Flux.<InstanceLogLine>create(sink -> {
            InstanceLogSubscription subscription = new InstanceLogSubscription(microservice, query, this, sink);
            active.add(subscription);
            sink.onDispose(() -> offThisThread(() -> {
                active.remove(subscription);
                subscription.close();
            }));
            subscription.start();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Ends every stream (completes it): the driver stops, and its HTTP client with it. */
    void close() {
        active.forEach(InstanceLogSubscription::complete);
    }

    /** Log responses being received now, for tests: none once every stream was cancelled. */
    int openStreams() {
        return openStreams.get();
    }

    /** Pod handlers on the informer, for tests: one per following subscriber. */
    int podWatches() {
        return podWatches.get();
    }

    ClusterEvents events() {
        return events;
    }

    AutoCloseable watchPods(MicroserviceKey microservice, ResourceEventHandler<Pod> handler) {
        AutoCloseable watch = events.watchAppPods(microservice, handler);
        podWatches.incrementAndGet();
        return () -> {
            watch.close();
            podWatches.decrementAndGet();
        };
    }

    @Override
    public PodLogStream stream(PodLogRequest request) {
        return new PodLogStream(http, request.uri(masterUrl, namespace), openStreams);
    }

    @Override
    public Pod pod(String name) {
        return events.appPod(name);
    }

    @Override
    public Backoff backoff() {
        return backoff;
    }

    private static void offThisThread(Runnable task) {
        try {
            Schedulers.boundedElastic().schedule(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the scheduler is shut down: the application stops, no event loop to protect
        }
    }
}
