package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * The output of a microservice's containers, through the Engine's log API with timestamps. Following,
 * it also listens to the Engine's {@code start} events of the microservice's containers, so a container
 * that starts during the stream (a new version, a restart) is picked up; a restarted container goes on
 * after the last line already sent.
 *
 * <p>It has a client of its own: each follower holds connections for as long as it reads, and those
 * must not take the connections builds and runs need.
 */
final class ContainerLogs implements AutoCloseable {

    private final DockerClient docker;

    ContainerLogs(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }

    Flux<InstanceLogLine> of(MicroserviceKey microservice, InstanceLogQuery query) {
        Flux<InstanceLogLine> lines = query.follow() ? following(microservice, query) : history(microservice, query);
        // Listing containers and opening streams block: never on an event loop.
        return lines.subscribeOn(Schedulers.boundedElastic());
    }

    /** Each container's lines in turn, oldest container first; completes after the last one. */
    private Flux<InstanceLogLine> history(MicroserviceKey microservice, InstanceLogQuery query) {
        return Flux.defer(() -> Flux.fromIterable(containers(microservice)))
                .concatMap(container -> Flux.<InstanceLogLine>create(sink -> {
                    ContainerLogStream stream = new ContainerLogStream(nameOf(container), query.since(), sink::next);
                    stream.onEnd(sink::complete);
                    sink.onDispose(stream::closeQuietly);
                    stream.open(command(container.getId(), false, query.since(), query.tail()));
                }));
    }

    private Flux<InstanceLogLine> following(MicroserviceKey microservice, InstanceLogQuery query) {
        return Flux.create(sink -> {
            Followed followed = new Followed(sink, query);
            sink.onDispose(followed::close);
            // Events first, then the list: a container that starts in between shows up at least once.
            ResultCallback.Adapter<Event> starts = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Event event) {
                    followed.attach(event.getId(), event.getActor() == null || event.getActor().getAttributes() == null
                            ? event.getId() : event.getActor().getAttributes().getOrDefault("name", event.getId()),
                            false);
                }
            };
            followed.keep(starts);
            docker.eventsCmd().withEventTypeFilter("container").withEventFilter("start")
                    .withLabelFilter(DockerLabels.ofMicroservice(microservice)).exec(starts);
            for (Container container : containers(microservice)) {
                followed.attach(container.getId(), nameOf(container), true);
            }
        });
    }

    private boolean running(String containerId) {
        try {
            Boolean running = docker.inspectContainerCmd(containerId).exec().getState().getRunning();
            return Boolean.TRUE.equals(running);
        } catch (RuntimeException goneOrUnreachable) {
            return false;
        }
    }

    private List<Container> containers(MicroserviceKey microservice) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(DockerLabels.ofMicroservice(microservice))
                .exec().stream().sorted(Comparator.comparing(Container::getCreated)).toList();
    }

    private static String nameOf(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId() : withoutSlash(names[0]);
    }

    /** The Engine lists names as {@code /name}; its events say {@code name}. */
    private static String withoutSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private LogContainerCmd command(String containerId, boolean follow, Instant since, Integer tail) {
        LogContainerCmd command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(follow);
        if (since != null) {
            // The API takes whole seconds; ContainerLogStream drops the lines of that second before the exact time.
            command.withSince((int) since.getEpochSecond());
        }
        if (tail != null) {
            command.withTail(tail);
        }
        return command;
    }

    /** The containers one following stream reads, by id. */
    private final class Followed {

        private final FluxSink<InstanceLogLine> sink;
        private final InstanceLogQuery query;
        private final Map<String, ContainerLogStream> streams = new ConcurrentHashMap<>();
        private final List<Closeable> others = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        Followed(FluxSink<InstanceLogLine> sink, InstanceLogQuery query) {
            this.sink = sink;
            this.query = query;
        }

        void keep(Closeable closeable) {
            others.add(closeable);
        }

        /**
         * Follows a container, unless a stream of it is open already. A container seen in the first list
         * gets the query's limits; one that starts later is read from its start, or, when it was followed
         * before (a restart), after the last line sent.
         */
        synchronized void attach(String containerId, String name, boolean listed) {
            if (closed) {
                return;
            }
            ContainerLogStream previous = streams.get(containerId);
            if (previous != null && !previous.ended()) {
                return;
            }
            Instant since = previous != null ? previous.lastTime() : listed ? query.since() : null;
            Integer tail = listed && previous == null ? query.tail() : null;
            ContainerLogStream stream = new ContainerLogStream(withoutSlash(name), since, sink::next);
            if (previous != null) {
                stream.skipThrough(previous.lastTime(), previous.lastText());
            }
            streams.put(containerId, stream);
            // A restart's start event may come before this stream saw the stop: look again when it ends.
            stream.onEnd(() -> {
                if (!closed && running(containerId)) {
                    attach(containerId, name, false);
                }
            });
            stream.open(command(containerId, true, since, tail));
        }

        synchronized void close() {
            closed = true;
            streams.values().forEach(ContainerLogStream::closeQuietly);
            for (Closeable other : others) {
                try {
                    other.close();
                } catch (IOException | RuntimeException e) {
                    // closing a stream nobody reads any more
                }
            }
        }
    }
}
