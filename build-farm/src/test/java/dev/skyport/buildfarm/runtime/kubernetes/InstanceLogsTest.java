package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.registry.RegistryProperties;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.testing.kubernetes.InstancePods;
import dev.skyport.buildfarm.testing.kubernetes.MockKubernetes;
import dev.skyport.buildfarm.testing.kubernetes.PodLogs;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Instance logs against the mock API server: each pod's {@code pods/log} with the kubelet's times, since
 * and tail, following (lines written later, a pod replaced during the stream, a pod whose container starts
 * later), cancelling, and no other microservice's pods. The mock ends every follow response at once (see
 * {@code PodLogs}), so following here always goes through re-opening from the last line's time; the
 * pause before a re-open is 50 to 200 ms instead of 250 ms to 5 s. Every stream is subscribed to and
 * cancelled from a Reactor parallel thread, which BlockHound watches.
 */
class InstanceLogsTest {

    private static final String APPS = "skyport-apps";
    private static final MicroserviceKey WEB = new MicroserviceKey("shop", "web");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private MockKubernetes kubernetes;
    private ClusterEvents events;
    private InstanceLogs logs;
    private InstancePods pods;

    @BeforeEach
    void start() {
        kubernetes = MockKubernetes.start();
        for (String namespace : new String[] {"skyport-builds", APPS}) {
            kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        events = new ClusterEvents(kubernetes.client(), GoldenInputs.properties());
        logs = new InstanceLogs(kubernetes.client(), APPS, events,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        pods = new InstancePods(kubernetes, APPS);
    }

    @AfterEach
    void stop() {
        logs.close();
        events.close();
        kubernetes.close();
    }

    @Test
    void theDriverSendsEachPodsLinesInOrderWithTheKubeletsTimesThenEnds(@TempDir Path credentials) throws Exception {
        pods.running(WEB, "d1", "web-a");
        pods.running(WEB, "d1", "web-b");
        for (int i = 0; i < 3; i++) {
            pods.write("web-a", T0.plusMillis(i), "a" + i);
            pods.write("web-b", T0.plusMillis(i), "b" + i);
        }
        KubernetesDriver driver = driver(credentials);
        try {
            Received received = new Received(driver.instanceLogs(WEB, new InstanceLogQuery(false, null, null)));

            await().atMost(WAIT).until(received.completed::get);
            assertThat(received.texts("web-a")).containsExactly("a0", "a1", "a2");
            assertThat(received.texts("web-b")).containsExactly("b0", "b1", "b2");
            assertThat(received.lines).contains(new InstanceLogLine(T0.plusMillis(1), "web-a", "stdout", "a1"));
            assertThat(received.failure.get()).isNull();
            assertThat(kubernetes.dispatcher().podLogRequests()).hasSize(2)
                    .allMatch(r -> r.timestamps() && !r.follow() && r.sinceTime() == null && r.tailLines() == null);
        } finally {
            driver.close();
        }
    }

    @Test
    void historyHonoursSinceAndTailForEachPod() {
        pods.running(WEB, "d1", "web-a");
        pods.running(WEB, "d1", "web-b");
        long[] millis = {0, 500, 1050, 1200, 1600, 2000};
        for (int i = 0; i < millis.length; i++) {
            pods.write("web-a", T0.plusMillis(millis[i]), "a" + i);
            pods.write("web-b", T0.plusMillis(millis[i]), "b" + i);
        }
        Instant since = T0.plusMillis(1100);

        Received fromSince = new Received(logs.of(WEB, new InstanceLogQuery(false, since, null)));
        await().atMost(WAIT).until(fromSince.completed::get);
        // The API server cuts sinceTime to the second: a2 (1.05 s) comes back and must still be left out.
        assertThat(fromSince.texts("web-a")).containsExactly("a3", "a4", "a5");
        assertThat(fromSince.texts("web-b")).containsExactly("b3", "b4", "b5");

        Received lastTwo = new Received(logs.of(WEB, new InstanceLogQuery(false, null, 2)));
        await().atMost(WAIT).until(lastTwo.completed::get);
        assertThat(lastTwo.texts("web-a")).containsExactly("a4", "a5");
        assertThat(lastTwo.texts("web-b")).containsExactly("b4", "b5");

        assertThat(kubernetes.dispatcher().podLogRequests()).extracting(PodLogs.Request::sinceTime,
                PodLogs.Request::tailLines).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("2026-03-01T10:00:01.100Z", null),
                org.assertj.core.groups.Tuple.tuple("2026-03-01T10:00:01.100Z", null),
                org.assertj.core.groups.Tuple.tuple(null, 2), org.assertj.core.groups.Tuple.tuple(null, 2));
        assertThat(fromSince.failure.get()).isNull();
        assertThat(lastTwo.failure.get()).isNull();
    }

    @Test
    void followingSendsLinesWrittenLaterOnceEach() {
        pods.running(WEB, "d1", "web-a");
        pods.write("web-a", T0.plusMillis(100), "a1");
        pods.write("web-a", T0.plusMillis(200), "a2");

        Received received = new Received(logs.of(WEB, new InstanceLogQuery(true, null, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-a")).containsExactly("a2"));

        // In the same second: every re-open repeats a1 and a2, which must not be sent again.
        pods.write("web-a", T0.plusMillis(300), "a3");
        pods.write("web-a", T0.plusMillis(1300), "a4");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-a")).containsExactly("a2", "a3", "a4"));
        pods.write("web-a", T0.plusMillis(1400), "a5");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-a"))
                .containsExactly("a2", "a3", "a4", "a5"));

        List<PodLogs.Request> requests = kubernetes.dispatcher().podLogRequests();
        assertThat(requests.get(0)).isEqualTo(new PodLogs.Request(APPS, "web-a", true, true, null, 1));
        assertThat(requests).as("re-opened from the last line's time, without tail")
                .contains(new PodLogs.Request(APPS, "web-a", true, true, iso(T0.plusMillis(200)), null))
                .contains(new PodLogs.Request(APPS, "web-a", true, true, iso(T0.plusMillis(1300)), null));
        assertThat(received.completed).isFalse();
        assertThat(received.failure.get()).isNull();
        received.cancel();
    }

    @Test
    void aPodThatReplacesAnotherDuringTheStreamIsFollowedOnTheSameStream() {
        pods.running(WEB, "d1", "web-old");
        pods.write("web-old", "old 1");
        Received received = new Received(logs.of(WEB, new InstanceLogQuery(true, null, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-old")).containsExactly("old 1"));

        pods.delete("web-old");
        pods.running(WEB, "d2", "web-new");
        pods.write("web-new", "new 1");
        pods.write("web-new", "new 2");

        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-new")).containsExactly("new 1", "new 2"));
        long oldRequests = requestsFor("web-old");
        pods.write("web-old", "written after the delete");
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> requestsFor("web-old") == oldRequests);
        assertThat(received.texts("web-old")).containsExactly("old 1");
        assertThat(kubernetes.dispatcher().podLogRequests()).filteredOn(r -> r.pod().equals("web-new")).first()
                .as("a pod that appears is read from its start, not tailed").extracting(PodLogs.Request::tailLines)
                .isNull();
        assertThat(received.failure.get()).isNull();
        received.cancel();
    }

    @Test
    void aPodIsReadOnceItsContainerStarts() {
        pods.pending(WEB, "d1", "web-a");
        Received received = new Received(logs.of(WEB, new InstanceLogQuery(true, null, null)));
        await().atMost(WAIT).until(() -> logs.podWatches() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> requestsFor("web-a") == 0);

        pods.write("web-a", "started");
        pods.start("web-a");

        await().atMost(WAIT).untilAsserted(() -> assertThat(received.texts("web-a")).containsExactly("started"));
        received.cancel();
    }

    @Test
    void cancellingClosesEveryStreamAndThePodWatch() {
        pods.running(WEB, "d1", "web-a");
        pods.running(WEB, "d1", "web-b");
        pods.write("web-a", "a1");
        pods.write("web-b", "b1");

        Flux<InstanceLogLine> flux = logs.of(WEB, new InstanceLogQuery(true, null, null));
        assertThat(kubernetes.dispatcher().podLogRequests()).as("nothing before the subscription").isEmpty();
        assertThat(logs.podWatches()).isZero();

        Received received = new Received(flux);
        await().atMost(WAIT).untilAsserted(() -> assertThat(received.lines).hasSize(2));
        assertThat(logs.podWatches()).isEqualTo(1);
        await().atMost(WAIT).until(() -> requestsFor("web-a") > 3 && requestsFor("web-b") > 3); // re-opening

        received.cancel();

        await().atMost(WAIT).until(() -> logs.openStreams() == 0 && logs.podWatches() == 0);
        int requests = kubernetes.dispatcher().podLogRequests().size();
        pods.write("web-a", "a2");
        pods.running(WEB, "d2", "web-c");
        pods.write("web-c", "c1");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() ->
                kubernetes.dispatcher().podLogRequests().size() == requests && logs.openStreams() == 0);
        assertThat(received.lines).hasSize(2);
        assertThat(received.failure.get()).isNull();
    }

    @Test
    void noLinesFromAnotherMicroservicesPods() {
        MicroserviceKey api = new MicroserviceKey("shop", "api");
        MicroserviceKey otherApp = new MicroserviceKey("blog", "web");
        pods.running(WEB, "d1", "web-a");
        pods.running(api, "d1", "shop-api-a");
        pods.running(otherApp, "d1", "blog-web-a");
        pods.write("web-a", "mine");
        pods.write("shop-api-a", "api's");
        pods.write("blog-web-a", "another app's");

        Received history = new Received(logs.of(WEB, new InstanceLogQuery(false, null, null)));
        await().atMost(WAIT).until(history.completed::get);
        assertThat(history.lines).extracting(InstanceLogLine::text).containsExactly("mine");

        Received following = new Received(logs.of(WEB, new InstanceLogQuery(true, null, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(following.texts("web-a")).containsExactly("mine"));
        pods.running(api, "d2", "shop-api-b");
        pods.write("shop-api-b", "api's new pod");
        pods.write("web-a", "mine again");
        await().atMost(WAIT).untilAsserted(() -> assertThat(following.texts("web-a")).containsExactly("mine", "mine again"));

        assertThat(following.lines).extracting(InstanceLogLine::instance).containsOnly("web-a");
        assertThat(kubernetes.dispatcher().podLogRequests()).extracting(PodLogs.Request::pod).containsOnly("web-a");
        following.cancel();
    }

    private long requestsFor(String pod) {
        return kubernetes.dispatcher().podLogRequests().stream().filter(r -> r.pod().equals(pod)).count();
    }

    private static String iso(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }

    /** A driver on the mock API with a registry that does not answer (it is never used here). */
    private KubernetesDriver driver(Path credentials) throws Exception {
        Files.writeString(credentials.resolve("username"), "skyport");
        Files.writeString(credentials.resolve("password"), "secret");
        RegistryAccess registry = new RegistryAccess(new RegistryProperties("127.0.0.1:9", credentials, 5, false));
        RunProperties run = new RunProperties("kubernetes", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(2), Duration.ofSeconds(10), 40, Duration.ofSeconds(30));
        return new KubernetesDriver(kubernetes.client(), GoldenInputs.properties(), registry, run);
    }

    /** What a subscriber got; subscribed to and cancelled on a Reactor parallel thread. */
    private static final class Received {

        final List<InstanceLogLine> lines = new CopyOnWriteArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Disposable subscription;

        Received(Flux<InstanceLogLine> flux) {
            subscription = flux.subscribeOn(Schedulers.parallel())
                    .subscribe(lines::add, failure::set, () -> completed.set(true));
        }

        /** The lines of one pod so far; an assertion error with the cause once the stream failed (e.g. BlockHound). */
        List<String> texts(String pod) {
            if (failure.get() != null) {
                throw new AssertionError("the stream failed", failure.get());
            }
            return lines.stream().filter(l -> l.instance().equals(pod)).map(InstanceLogLine::text).toList();
        }

        void cancel() {
            Schedulers.parallel().schedule(subscription::dispose);
        }
    }
}
