package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.runtime.RecordingDockerProxy;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.registry.client.RegistryClient;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.testing.BaseImages;
import dev.skyport.testing.DevServices;
import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes build container's script ({@code src/main/resources/kubernetes/build.sh}, the exact file)
 * run for real: with busybox's {@code sh} (the shell of the {@code docker:<version>-cli} image), against
 * the real local Engine (or a throwaway one with an empty data root, as a fresh DinD sidecar has) and the
 * real basic-auth registry. Each test lays the pod out in a temp dir as the Job spec mounts it (the
 * context in {@code workspace/}, the registry Secret's {@code username} and {@code password} files, the
 * termination log) and gives the script only the pod's environment, with the mount roots pointed there.
 *
 * <p>Where the order of the script's Engine calls matters (no credentials until the build is over), the
 * script talks to the Engine through {@link RecordingDockerProxy}, which records every request.
 */
@Tag("engine")
class BuildScriptTest {

    private static final String RESOURCE = "kubernetes/build.sh";
    private static final Path SCRIPT = RepositoryRoot.find().resolve("build-farm/src/main/resources/" + RESOURCE);
    private static final String APP = "bs" + UUID.randomUUID().toString().substring(0, 6);
    private static final String DIGEST = "sha256:[0-9a-f]{64}";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static DevServices services;
    private static RegistryCredentials credentials;
    private static RegistryClient registry;
    /** {repository, digest} pushed by these tests, deleted from the registry at the end. */
    private static final List<String[]> pushed = new CopyOnWriteArrayList<>();
    /** Images the script tagged on the dev-services Engine, removed at the end. */
    private static final List<String> tagged = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() {
        BaseImages.ensureBusybox();
        services = DevServices.get();
        credentials = CredentialsDirectory.load(services.registryCredentials());
        registry = RegistryClient.plainHttp(services.registry(), credentials);
    }

    @AfterAll
    static void cleanUp() {
        for (String[] image : pushed) {
            try {
                registry.deleteManifest(image[0], image[1]);
            } catch (RuntimeException e) {
                System.err.println("could not delete " + image[0] + "@" + image[1] + ": " + e.getMessage());
            }
        }
        for (String image : tagged) {
            Commands.docker(services.dockerHost(), Duration.ofMinutes(1), "rmi", image);
        }
    }

    @Test
    void theTestedFileIsTheOneOnTheClasspath() throws IOException {
        try (InputStream resource = BuildScriptTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(resource).as("the driver reads " + RESOURCE + " from the classpath").isNotNull();
            assertThat(resource.readAllBytes()).isEqualTo(Files.readAllBytes(SCRIPT));
        }
        String script = Files.readString(SCRIPT);
        assertThat(script).startsWith("#!/bin/sh\n").contains("\nset -eu\n");
        assertThat(script.lines().map(String::strip))
                .noneMatch(l -> l.matches("set\\s+-[a-z]*x.*") || l.startsWith("set -o xtrace"));
    }

    @Test
    void buildsWithNoCredentialsThenLogsInPushesAndWritesTheDigest(@TempDir Path root) throws IOException {
        String repository = APP + "/web";
        byte[] context = TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nRUN echo built > /built\nCOPY index.html /var/www/index.html\n")
                .file("index.html", "hello").bytes();
        try (RecordingDockerProxy proxy = new RecordingDockerProxy(engineSocket(), root.resolve("engine.sock"))) {
            Pod pod = new Pod(root.resolve("pod"), proxy.dockerHost(), repository, "d-first", context);

            Commands.Result result = pod.run();
            recordPush(repository, "d-first");

            assertThat(result.exit()).as(result.output()).isZero();
            String digest = pod.terminationMessage();
            assertThat(digest).as("the termination log holds exactly the digest").matches(DIGEST);
            assertThat(registry.manifestDigest(repository, "d-first")).contains(digest);
            List<String> lines = result.lines();
            assertThat(lines).contains("digest: " + digest, "skyport: pushed " + pod.image)
                    .noneMatch(l -> l.contains("previous image"));
            assertInOrder(lines,
                    "skyport: waiting for the Docker daemon",
                    "skyport: building " + pod.image,
                    "Successfully tagged " + pod.image,
                    "skyport: logging in to " + services.registry() + " to push",
                    "Login Succeeded",
                    "skyport: pushing " + pod.image,
                    "skyport: logging out",
                    "digest: " + digest);
            assertThat(result.output()).doesNotContain(credentials.password()).doesNotContain(credentials.basicToken());

            // What the Engine was asked, in order: the build with no credentials, then a login, then the push.
            List<RecordingDockerProxy.Request> requests = proxy.requests();
            int build = indexOf(requests, r -> r.path().contains("/build?"));
            int auth = indexOf(requests, r -> r.path().endsWith("/auth"));
            int push = indexOf(requests, r -> r.path().contains("/push"));
            assertThat(build).as("a build request").isNotNegative();
            assertThat(auth).as("the login comes after the build").isGreaterThan(build);
            assertThat(push).as("the push comes after the login").isGreaterThan(auth);
            assertThat(requests).filteredOn(r -> r.path().endsWith("/auth")).hasSize(1);
            assertNoCredentials(requests.get(build));
            assertThat(requests.get(push).hasHeader("X-Registry-Auth")).isTrue();
        }
        // The logins' configs (with the credentials) are gone; the CLI wrote nothing under $HOME.
        assertThat(listFiles(root.resolve("pod/tmp"))).as("temporary DOCKER_CONFIG dirs left behind").isEmpty();
        assertThat(root.resolve("pod/root/.docker/config.json")).doesNotExist();
    }

    @Test
    void buildArgsPassThroughUnchanged(@TempDir Path root) throws IOException {
        String repository = APP + "/args";
        String templateDigest = "sha256:" + "ab".repeat(32);
        String greeting = "hello, world  $HOME \"quoted\" 'single' a=b";
        byte[] context = TestArchive.create().file("Dockerfile", """
                FROM busybox:1.36
                ARG SKYPORT_TEMPLATE_DIGEST
                LABEL dev.skyport.template-digest=$SKYPORT_TEMPLATE_DIGEST
                ARG GREETING
                RUN echo "greeting=[$GREETING]"
                """).bytes();
        Pod pod = new Pod(root.resolve("pod"), services.dockerHost(), repository, "d-args", context)
                .set("SKYPORT_BUILD_ARGS", "SKYPORT_TEMPLATE_DIGEST=" + templateDigest + "\nGREETING=" + greeting + "\n");

        Commands.Result result = pod.run();
        recordPush(repository, "d-args");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.lines()).contains("greeting=[" + greeting + "]");
        Commands.Result label = Commands.docker(services.dockerHost(), Duration.ofMinutes(1), "image", "inspect",
                "--format", "{{index .Config.Labels \"dev.skyport.template-digest\"}}", pod.image)
                .requireSuccess("docker image inspect");
        assertThat(label.output().strip()).isEqualTo(templateDigest);
    }

    /**
     * The layer cache on fresh daemons: the first build runs on a private dockerd with an empty data root
     * and no cache; the second, of a context whose dependency step is unchanged, runs on another fresh
     * one with {@code SKYPORT_CACHE_FROM} = the first image, and reuses that step's layer.
     */
    @Test
    void aSecondBuildOnAFreshDaemonReusesThePreviousImagesLayers(@TempDir Path root) throws IOException {
        String unavailable = PrivateDockerd.unavailableReason();
        Assumptions.assumeTrue(unavailable == null, () -> "no private dockerd here: " + unavailable);
        String repository = APP + "/cached";
        String dockerfile = """
                FROM busybox:1.36
                RUN sleep 5 && echo deps > /deps
                COPY app.txt /app.txt
                """;
        String expensiveStep = "Step 2/3 : RUN sleep 5 && echo deps > /deps";
        // The base image as a fresh DinD daemon would get it (here no registry has it): saved from the
        // dev-services Engine, loaded into each fresh one; the same image, so the same layers.
        Path busybox = root.resolve("busybox.tar");
        Commands.docker(services.dockerHost(), Duration.ofMinutes(2), "save", "-o", busybox.toString(),
                BaseImages.BUSYBOX).requireSuccess("docker save " + BaseImages.BUSYBOX);

        Commands.Result first;
        String firstDigest;
        try (PrivateDockerd daemon = PrivateDockerd.start(services.registry())) {
            loadBase(daemon, busybox);
            Pod pod = new Pod(root.resolve("first"), daemon.dockerHost(), repository, "d-1",
                    TestArchive.create().file("Dockerfile", dockerfile).file("app.txt", "version 1").bytes());
            first = pod.run();
            assertThat(first.exit()).as(first.output()).isZero();
            firstDigest = pod.terminationMessage();
            pushed.add(new String[] {repository, firstDigest});
            assertThat(registry.manifestDigest(repository, "d-1")).contains(firstDigest);
            assertThat(first.output()).doesNotContain("Using cache");
        }

        Commands.Result second;
        try (PrivateDockerd daemon = PrivateDockerd.start(services.registry())) {
            loadBase(daemon, busybox);
            String cacheFrom = services.registry() + "/" + repository + "@" + firstDigest;
            Pod pod = new Pod(root.resolve("second"), daemon.dockerHost(), repository, "d-2",
                    TestArchive.create().file("Dockerfile", dockerfile).file("app.txt", "version 2").bytes())
                    .set("SKYPORT_CACHE_FROM", cacheFrom);
            second = pod.run();
            assertThat(second.exit()).as(second.output()).isZero();
            String digest = pod.terminationMessage();
            pushed.add(new String[] {repository, digest});
            assertThat(registry.manifestDigest(repository, "d-2")).contains(digest);
            assertThat(digest).isNotEqualTo(firstDigest);
            List<String> lines = second.lines();
            assertInOrder(lines,
                    "skyport: logging in to " + services.registry() + " to pull the previous image",
                    "skyport: pulling the previous image for its layers: " + cacheFrom,
                    "skyport: logging out; the build runs without credentials",
                    "skyport: building " + pod.image + " from ",
                    expensiveStep,
                    "skyport: logging in to " + services.registry() + " to push");
            assertThat(lines.get(lines.indexOf(expensiveStep) + 1)).as(second.output()).isEqualTo(" ---> Using cache");
            assertThat(lines.get(lines.indexOf("Step 3/3 : COPY app.txt /app.txt") + 1))
                    .as("the changed file is copied again").isNotEqualTo(" ---> Using cache");
            assertThat(listFiles(root.resolve("second/tmp"))).isEmpty();
        }

        System.out.println("BENCH build-script cache: without " + first.millis() + " ms, with " + second.millis() + " ms");
        assertThat(second.millis()).as("with the cache, the 5 s step is skipped").isLessThan(first.millis());
    }

    @Test
    void aCacheImageThatCannotBePulledOnlyCostsTheCache(@TempDir Path root) throws IOException {
        String repository = APP + "/nocache";
        String cacheFrom = services.registry() + "/" + repository + ":never-pushed";
        Pod pod = new Pod(root.resolve("pod"), services.dockerHost(), repository, "d-nocache",
                TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo fine > /fine\n").bytes())
                .set("SKYPORT_CACHE_FROM", cacheFrom);

        Commands.Result result = pod.run();
        recordPush(repository, "d-nocache");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.lines()).contains("skyport: could not pull " + cacheFrom + "; building without a cache",
                "skyport: building " + pod.image + " from " + pod.context + " (Dockerfile), with no credentials");
        assertThat(pod.terminationMessage()).matches(DIGEST);
    }

    @Test
    void aMaliciousDockerfileFindsNoCredentialsNoDaemonAndCannotPushYetTheBuildPushes(@TempDir Path root)
            throws IOException {
        String repository = APP + "/nosy";
        String registryPort = services.registry().substring(services.registry().lastIndexOf(':') + 1);
        Path proxySocket = root.resolve("engine.sock");
        List<String> sockets = List.of("/var/run/skyport-dind", "/var/run/skyport-dind/docker.sock",
                "/var/run/docker.sock", "/run/docker.sock", engineSocket().toString(), proxySocket.toString());
        String dockerfile = "FROM busybox:1.36\n"
                + "RUN echo '== environment ==' && env | sort && echo '== end of environment =='"
                + " && echo \"DOCKER_CONFIG=[${DOCKER_CONFIG:-}]\"\n"
                + "RUN for f in \"$HOME/.docker\" /root/.docker /.docker \"${DOCKER_CONFIG:-/nonexistent}\""
                + " /var/run/secrets/skyport /var/run/secrets/kubernetes.io/serviceaccount; do"
                + " if [ -e \"$f\" ]; then echo \"FOUND $f\"; fi; done;"
                + " find / -xdev \\( -name config.json -o -name .dockerconfigjson -o -name htpasswd"
                + " -o -name password -o -name .docker \\) 2>/dev/null | sed 's/^/FOUND /';"
                + " echo '== searched for credential files =='\n"
                + "RUN if ls /var/run/skyport-dind >/dev/null 2>&1; then echo 'DAEMON DIR LISTED';"
                + " else echo 'no daemon dir'; fi;"
                + " for s in " + String.join(" ", sockets) + "; do"
                + " if [ -S \"$s\" ]; then echo \"DAEMON SOCKET $s\"; elif [ -e \"$s\" ]; then echo \"DAEMON PATH $s\"; fi;"
                + " done; echo '== searched for daemon sockets =='\n"
                // busybox's static wget crashes here; nc speaks the HTTP by hand.
                + "RUN gw=$(ip route 2>/dev/null | awk '/default/ {print $3}');"
                + " for host in 127.0.0.1 $gw; do"
                + " for port in 2375 2376; do"
                + " r=$(printf 'GET /version HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $host $port 2>&1 | head -1);"
                + " case \"$r\" in HTTP/*) echo \"DAEMON ANSWERED at $host:$port: $r\";;"
                + " *) echo \"no daemon at $host:$port\";; esac; done;"
                + " r=$(printf 'GET /v2/ HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $host " + registryPort + " 2>&1 | head -1);"
                + " case \"$r\" in HTTP/*) echo \"REGISTRY ANSWERED at $host: $r\";;"
                + " *) echo \"no registry access at $host: $r\";; esac;"
                + " r=$(printf 'POST /v2/" + repository + "/blobs/uploads/ HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n'"
                + " | nc -w 3 $host " + registryPort + " 2>&1 | head -1);"
                + " case \"$r\" in *' 202 '*) echo \"PUSH STARTED at $host: $r\";;"
                + " *) echo \"cannot push at $host: $r\";; esac; done\n"
                + "COPY index.html /var/www/index.html\n";
        byte[] context = TestArchive.create().file("Dockerfile", dockerfile).file("index.html", "still built").bytes();

        try (RecordingDockerProxy proxy = new RecordingDockerProxy(engineSocket(), proxySocket)) {
            Pod pod = new Pod(root.resolve("pod"), proxy.dockerHost(), repository, "d-nosy", context);

            Commands.Result result = pod.run();
            recordPush(repository, "d-nosy");

            assertThat(result.exit()).as(result.output()).isZero();
            String digest = pod.terminationMessage();
            assertThat(registry.manifestDigest(repository, "d-nosy")).contains(digest);

            List<String> lines = result.lines();
            assertThat(lines).contains("== end of environment ==", "DOCKER_CONFIG=[]",
                    "== searched for credential files ==", "no daemon dir", "== searched for daemon sockets ==",
                    "no daemon at 127.0.0.1:2375", "no daemon at 127.0.0.1:2376")
                    .anyMatch(l -> l.startsWith("no registry access at 127.0.0.1"))
                    .anyMatch(l -> l.startsWith("cannot push at 127.0.0.1"));
            assertThat(lines).noneMatch(l -> l.startsWith("FOUND "))
                    .noneMatch(l -> l.startsWith("DAEMON "))
                    .noneMatch(l -> l.startsWith("REGISTRY ANSWERED") && l.contains(" 200 "))
                    .noneMatch(l -> l.startsWith("PUSH STARTED"));
            List<String> environment = lines.subList(lines.indexOf("== environment ==") + 1,
                    lines.indexOf("== end of environment =="));
            assertThat(environment).isNotEmpty().noneMatch(l -> Stream.of("REGISTRY", "DOCKER", "PASSWORD", "SKYPORT")
                    .anyMatch(word -> l.toUpperCase(Locale.ROOT).contains(word)));
            assertThat(result.output()).doesNotContain(credentials.password()).doesNotContain(credentials.basicToken());

            List<RecordingDockerProxy.Request> requests = proxy.requests();
            int build = indexOf(requests, r -> r.path().contains("/build?"));
            assertThat(build).isNotNegative();
            assertNoCredentials(requests.get(build));
            assertThat(requests.subList(0, build)).noneMatch(r -> r.path().endsWith("/auth"));
        }
    }

    @Test
    void aFailingBuildExitsNonZeroKeepsDockersOutputAndPushesNothing(@TempDir Path root) throws IOException {
        String repository = APP + "/broken";
        byte[] context = TestArchive.create()
                .file("Dockerfile", "FROM busybox:1.36\nRUN echo about to fail && exit 3\nRUN echo never\n").bytes();
        try (RecordingDockerProxy proxy = new RecordingDockerProxy(engineSocket(), root.resolve("engine.sock"))) {
            Pod pod = new Pod(root.resolve("pod"), proxy.dockerHost(), repository, "d-broken", context);

            Commands.Result result = pod.run();

            assertThat(result.exit()).as(result.output()).isNotZero();
            assertThat(result.lines()).contains("about to fail")
                    .anyMatch(l -> l.contains("returned a non-zero code: 3"))
                    .noneMatch(l -> l.equals("never"))
                    .noneMatch(l -> l.startsWith("skyport: logging in"));
            assertThat(result.lastLine())
                    .isEqualTo("skyport: error: docker build failed (its output is above); nothing was pushed");
            assertThat(pod.terminationMessage()).as("no digest").isEmpty();
            assertThat(registry.manifestDigest(repository, "d-broken")).isEmpty();
            assertThat(proxy.requests()).noneMatch(r -> r.path().endsWith("/auth") || r.path().contains("/push"));
            assertThat(listFiles(root.resolve("pod/tmp"))).isEmpty();
        }
    }

    @Test
    void aMissingSecretFileFailsBeforeAnythingIsBuilt(@TempDir Path root) throws IOException {
        Pod pod = new Pod(root.resolve("pod"), services.dockerHost(), APP + "/nosecret", "d-nosecret",
                TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes());
        Files.delete(pod.secretDir.resolve("password"));

        Commands.Result result = pod.run();

        assertThat(result.exit()).isNotZero();
        assertThat(result.lastLine()).isEqualTo("skyport: error: the registry secret has no readable 'password' file in "
                + pod.secretDir + " (mount the registry Secret there)");
        assertThat(result.lines()).noneMatch(l -> l.startsWith("skyport: building") || l.startsWith("Step "));
        assertThat(pod.terminationMessage()).isEmpty();
    }

    @Test
    void aWrongPasswordFailsAtTheLoginAfterTheBuildAndPushesNothing(@TempDir Path root) throws IOException {
        String repository = APP + "/wrongpw";
        Pod pod = new Pod(root.resolve("pod"), services.dockerHost(), repository, "d-wrongpw",
                TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo built > /built\n").bytes());
        String wrong = "not-" + credentials.password();
        Files.writeString(pod.secretDir.resolve("password"), wrong);
        tagged.add(pod.image);

        Commands.Result result = pod.run();

        assertThat(result.exit()).isNotZero();
        assertInOrder(result.lines(), "Successfully tagged " + pod.image,
                "skyport: logging in to " + services.registry() + " to push");
        assertThat(result.lastLine()).isEqualTo("skyport: error: docker login to " + services.registry()
                + " failed (see above); check the registry Secret");
        assertThat(result.output()).doesNotContain(wrong).doesNotContain(credentials.password());
        assertThat(registry.manifestDigest(repository, "d-wrongpw")).isEmpty();
        assertThat(pod.terminationMessage()).isEmpty();
        assertThat(listFiles(root.resolve("pod/tmp"))).isEmpty();
    }

    @Test
    void aDaemonThatNeverAnswersFailsAfterTheWait(@TempDir Path root) throws IOException {
        String nowhere = "unix://" + root.resolve("no-daemon.sock");
        Pod pod = new Pod(root.resolve("pod"), nowhere, APP + "/nodaemon", "d-nodaemon",
                TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes())
                .set("SKYPORT_DAEMON_WAIT_SECONDS", "2");

        Commands.Result result = pod.run();

        assertThat(result.exit()).isNotZero();
        assertThat(result.lines()).first().isEqualTo("skyport: waiting for the Docker daemon at " + nowhere + " (up to 2s)");
        assertThat(result.lastLine())
                .isEqualTo("skyport: error: the Docker daemon at " + nowhere + " did not answer within 2s");
        assertThat(result.millis()).as("gives up after about 2 s").isBetween(1_500L, 30_000L);
        assertThat(pod.terminationMessage()).isEmpty();
    }

    @Test
    void aBuildArgLineThatIsNotKeyValueFailsBeforeTheBuild(@TempDir Path root) throws IOException {
        Pod pod = new Pod(root.resolve("pod"), services.dockerHost(), APP + "/badargs", "d-badargs",
                TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes())
                .set("SKYPORT_BUILD_ARGS", "GOOD=1\nSKYPORT_REGISTRY_SECRET_DIR\n");

        Commands.Result result = pod.run();

        assertThat(result.exit()).isNotZero();
        assertThat(result.lastLine()).isEqualTo(
                "skyport: error: SKYPORT_BUILD_ARGS has a line that is not KEY=VALUE: 'SKYPORT_REGISTRY_SECRET_DIR'");
        assertThat(result.lines()).noneMatch(l -> l.startsWith("skyport: waiting"));
    }

    // ---------------------------------------------------------------- the pod

    /**
     * A build pod laid out under {@code root} as the Job spec mounts it, and the build container's
     * environment: the contract's variables, {@code PATH}, {@code HOME} (a directory of the pod's) and
     * {@code TMPDIR} (so the test sees what the script leaves in its temp dir), nothing of this JVM's.
     */
    private static final class Pod {

        final Path root;
        final Path context;
        final Path secretDir;
        final Path terminationLog;
        final String image;
        final Map<String, String> env = new LinkedHashMap<>();

        Pod(Path root, String dockerHost, String repository, String tag, byte[] contextBytes) throws IOException {
            this.root = root;
            this.context = root.resolve("workspace/context.tar.gz");
            this.secretDir = root.resolve("var/run/secrets/skyport/registry");
            this.terminationLog = root.resolve("dev/termination-log");
            this.image = services.registry() + "/" + repository + ":" + tag;
            Files.createDirectories(context.getParent());
            Files.write(context, contextBytes);
            Files.createDirectories(secretDir);
            for (String file : List.of(CredentialsDirectory.USERNAME_FILE, CredentialsDirectory.PASSWORD_FILE)) {
                Files.copy(services.registryCredentials().resolve(file), secretDir.resolve(file));
            }
            Files.createDirectories(terminationLog.getParent());
            Files.createFile(terminationLog); // the kubelet mounts an empty file there
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("root"));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            env.put("HOME", root.resolve("root").toString());
            env.put("TMPDIR", root.resolve("tmp").toString());
            env.put("DOCKER_HOST", dockerHost);
            env.put("SKYPORT_IMAGE", image);
            env.put("SKYPORT_REGISTRY", services.registry());
            env.put("SKYPORT_DOCKERFILE", "Dockerfile");
            env.put("SKYPORT_CONTEXT", context.toString());
            env.put("SKYPORT_CACHE_FROM", "");
            env.put("SKYPORT_BUILD_ARGS", "");
            env.put("SKYPORT_REGISTRY_SECRET_DIR", secretDir.toString());
            env.put("SKYPORT_TERMINATION_LOG", terminationLog.toString());
        }

        Pod set(String name, String value) {
            env.put(name, value);
            return this;
        }

        Commands.Result run() {
            // The docker:<version>-cli image's sh is busybox's; dev-services installs busybox, else plain sh.
            List<String> command = new ArrayList<>(Commands.onPath("busybox") ? List.of("busybox", "sh") : List.of("sh"));
            command.add(SCRIPT.toString());
            Commands.Result result = Commands.run(command, env, null, SCRIPT_TIMEOUT);
            System.out.println("---- " + image + " (exit " + result.exit() + ", " + result.millis() + " ms)\n"
                    + result.output());
            return result;
        }

        String terminationMessage() throws IOException {
            return Files.exists(terminationLog) ? Files.readString(terminationLog, StandardCharsets.UTF_8) : "";
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Path engineSocket() {
        String host = services.dockerHost();
        if (!host.startsWith("unix://")) {
            throw new IllegalStateException("the dev-services Engine is not on a unix socket: " + host);
        }
        return Path.of(host.substring("unix://".length()));
    }

    private static void loadBase(PrivateDockerd daemon, Path archive) {
        Commands.docker(daemon.dockerHost(), Duration.ofMinutes(2), "load", "-i", archive.toString())
                .requireSuccess("docker load of " + BaseImages.BUSYBOX);
        assertThat(Commands.docker(daemon.dockerHost(), Duration.ofMinutes(1), "images", "-q").lines())
                .as("a fresh daemon holds only the base image").hasSize(1);
    }

    /** Remembers what a test pushed (from the registry) and tagged on the dev-services Engine, for cleanup. */
    private static void recordPush(String repository, String tag) {
        Optional<String> digest = registry.manifestDigest(repository, tag);
        digest.ifPresent(d -> pushed.add(new String[] {repository, d}));
        tagged.add(services.registry() + "/" + repository + ":" + tag);
    }

    /** The build request carries no credentials: no X-Registry-Auth, and an X-Registry-Config with none. */
    private static void assertNoCredentials(RecordingDockerProxy.Request build) {
        assertThat(build.hasHeader("X-Registry-Auth")).as(build.head()).isFalse();
        String config = header(build.head(), "X-Registry-Config");
        if (config != null) {
            String decoded = new String(Base64.getUrlDecoder().decode(config.strip()), StandardCharsets.UTF_8);
            assertThat(decoded.replaceAll("\\s", "")).as("X-Registry-Config of the build").isEqualTo("{}");
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static int indexOf(List<RecordingDockerProxy.Request> requests,
            java.util.function.Predicate<RecordingDockerProxy.Request> test) {
        for (int i = 0; i < requests.size(); i++) {
            if (test.test(requests.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Each expected text starts a line, in this order. */
    private static void assertInOrder(List<String> lines, String... starts) {
        int from = 0;
        for (String start : starts) {
            int found = -1;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).startsWith(start)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("a line starting with '%s' after line %d of:\n%s", start, from,
                    String.join("\n", lines)).isNotNegative();
            from = found + 1;
        }
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
