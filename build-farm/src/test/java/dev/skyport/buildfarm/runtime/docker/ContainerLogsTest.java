package dev.skyport.buildfarm.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.testing.BaseImages;
import dev.skyport.testing.DevServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The Docker driver's instance logs against the real Engine: history with since and tail, stdout and
 * stderr told apart, following picks up a container that starts during the stream, a restarted
 * container goes on without repeating lines, and cancelling ends the streams.
 */
@Tag("engine")
class ContainerLogsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DockerClient docker;
    private static ContainerLogs logs;
    private final MicroserviceKey key = new MicroserviceKey("logs" + UUID.randomUUID().toString().substring(0, 6), "api");
    private final MicroserviceKey other = new MicroserviceKey(key.app(), "other");

    @BeforeAll
    static void connect() {
        BaseImages.ensureBusybox();
        DockerProperties properties = new DockerProperties(DevServices.get().dockerHost(), "1.41", "127.0.0.1",
                "127.0.0.1", "no", null, "none");
        docker = DockerClientConfiguration.newClient(properties);
        logs = new ContainerLogs(DockerClientConfiguration.newClient(properties));
    }

    @AfterAll
    static void disconnect() throws Exception {
        logs.close();
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (MicroserviceKey each : List.of(key, other)) {
            for (Container container : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(DockerLabels.ofMicroservice(each)).exec()) {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        }
    }

    /** A container of the microservice running {@code script} in sh; returns its id. */
    private String run(MicroserviceKey microservice, String deployment, String script) {
        String id = docker.createContainerCmd(BaseImages.BUSYBOX)
                .withName("skyport-" + microservice.app() + "-" + microservice.name() + "-" + deployment)
                .withLabels(DockerLabels.of(microservice, deployment))
                .withCmd("sh", "-c", script).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private List<InstanceLogLine> history(InstanceLogQuery query) {
        return logs.of(key, query).collectList().block(WAIT);
    }

    @Test
    void historyTellsStreamsApartAndHonoursTailAndSince() {
        run(key, "d1", "echo one; echo two >&2; echo three; sleep 3600");
        run(other, "d1", "echo not mine; sleep 3600");
        await().atMost(WAIT).until(() -> history(new InstanceLogQuery(false, null, null)).size() == 3);

        List<InstanceLogLine> all = history(new InstanceLogQuery(false, null, null));

        // stdout and stderr are separate pipes: the Engine keeps each one's order, not the order between them.
        assertThat(all).filteredOn(line -> line.stream().equals("stdout")).extracting(InstanceLogLine::text)
                .containsExactly("one", "three");
        assertThat(all).filteredOn(line -> line.stream().equals("stderr")).extracting(InstanceLogLine::text)
                .containsExactly("two");
        assertThat(all).extracting(InstanceLogLine::instance).containsOnly("skyport-" + key.app() + "-api-d1");
        assertThat(all.get(0).time()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(history(new InstanceLogQuery(false, null, 1))).containsExactly(all.get(2));
        assertThat(history(new InstanceLogQuery(false, all.get(2).time(), null))).containsExactly(all.get(2));
        assertThat(history(new InstanceLogQuery(false, Instant.now().plusSeconds(5), null))).isEmpty();
    }

    @Test
    void followingPicksUpANewContainerAndARestartWithoutRepeatingLines() {
        String first = run(key, "d1", "echo first-v1; sleep 3600");
        await().atMost(WAIT).until(() -> history(new InstanceLogQuery(false, null, null)).size() == 1);
        List<InstanceLogLine> seen = new CopyOnWriteArrayList<>();
        Disposable follow = logs.of(key, new InstanceLogQuery(true, null, null)).subscribe(seen::add);
        try {
            await().atMost(WAIT).until(() -> seen.size() == 1);

            run(key, "d2", "echo hello-v2; echo again-v2; sleep 3600");
            await().atMost(WAIT).until(() -> texts(seen).containsAll(List.of("hello-v2", "again-v2")));
            assertThat(seen).filteredOn(line -> line.text().endsWith("v2")).extracting(InstanceLogLine::instance)
                    .containsOnly("skyport-" + key.app() + "-api-d2");

            docker.restartContainerCmd(first).withTimeout(0).exec();
            // The restart writes first-v1 again: a new line, later than the one already sent.
            await().atMost(WAIT).until(() -> texts(seen).stream().filter("first-v1"::equals).count() == 2);
            assertThat(texts(seen)).containsExactlyInAnyOrder("first-v1", "hello-v2", "again-v2", "first-v1");
        } finally {
            follow.dispose();
        }
        int before = seen.size();
        run(key, "d3", "echo after-cancel; sleep 3600");
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> seen.size() == before);
    }

    private static List<String> texts(List<InstanceLogLine> lines) {
        return lines.stream().map(InstanceLogLine::text).toList();
    }

    @Test
    void aMicroserviceWithoutContainersHasAnEmptyHistory() {
        assertThat(logs.of(key, new InstanceLogQuery(false, null, null)).collectList().block(WAIT)).isEmpty();
    }
}
