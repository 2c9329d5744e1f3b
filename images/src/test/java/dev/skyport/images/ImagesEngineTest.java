package dev.skyport.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.sun.net.httpserver.HttpServer;
import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.testing.DevServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The images, built and run for real: a JRE base made from this machine's JDK and pushed to the dev-services
 * registry (nothing can be pulled here), the three images built on it with {@link ImagesCommand} (jib-core)
 * and pushed with the registry's credentials, pulled by the dev-services Engine with those credentials, and
 * run there with Testcontainers ({@code GenericContainer} on the image just built; Ryuk and the start-up
 * checks are off, see the pom). Containers reach a private Redis and an upstream on the Docker bridge's
 * gateway address, mapped to {@code host.docker.internal}.
 *
 * <p>Everything gets a repository namespace of its own per run, and the images are removed from the Engine
 * and the registry afterwards; the base image is kept for the next run.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesEngineTest {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final long MEMORY_LIMIT = 512L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Component, ImageBuilder.Built> built = new EnumMap<>(Component.class);
    private final List<String> numbers = new ArrayList<>();
    private DevServices dev;
    private DockerClient docker;
    private Path work;
    private String base;
    private String namespace;
    private String printed;
    private String bridge;
    private BridgeRedis redis;

    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void buildPushAndPullTheImages() throws Exception {
        dev = DevServices.get();
        // Testcontainers' docker-java reads DOCKER_HOST from the system properties too
        System.setProperty("DOCKER_HOST", dev.dockerHost());
        work = Files.createDirectories(Path.of(System.getProperty("skyport.images.work", "target/images-test"))
                .toAbsolutePath());

        Instant start = Instant.now();
        base = JreBaseImage.ensure(dev);
        numbers.add("base image ready (made if missing, pushed) in " + seconds(start));

        namespace = "images-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ImagesCommand command = new ImagesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        start = Instant.now();
        int code = command.run("--registry", dev.registry(), "--namespace", namespace,
                "--credentials-dir", dev.registryCredentials().toString(), "--insecure",
                "--base", base, "--cache-dir", work.resolve("jib-cache").toString());
        command.built().forEach(image -> built.put(image.component(), image)); // removed afterwards, even on failure
        Files.writeString(work.resolve("images-command.log"), err.toString(StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        numbers.add("3 images built and pushed in " + seconds(start));
        printed = out.toString(StandardCharsets.UTF_8);
        assertThat(built).containsOnlyKeys(Component.values());

        docker = DockerClientFactory.instance().client();
        bridge = BridgeGateway.of(docker);
        redis = BridgeRedis.start(bridge, Files.createDirectories(work.resolve("redis")));

        AuthConfig auth = new AuthConfig().withRegistryAddress(dev.registry())
                .withUsername(dev.registryUsername()).withPassword(dev.registryPassword());
        for (ImageBuilder.Built image : built.values()) {
            numbers.add(image.component().module() + ": built and pushed in " + image.took().toMillis() / 100 / 10.0 + " s");
            start = Instant.now();
            String repository = image.reference().substring(0, image.reference().lastIndexOf(':'));
            docker.pullImageCmd(repository).withTag(image.reference().substring(repository.length() + 1))
                    .withAuthConfig(auth).start().awaitCompletion(5, TimeUnit.MINUTES);
            InspectImageResponse inspected = docker.inspectImageCmd(image.reference()).exec();
            numbers.add(image.component().module() + ": pulled by the Engine in " + seconds(start) + ", "
                    + inspected.getSize() / (1024 * 1024) + " MiB unpacked, "
                    + compressedSize(image) / (1024 * 1024) + " MiB compressed in the registry");
        }
    }

    @AfterAll
    void removeWhatTheRunMade() throws Exception {
        try {
            if (redis != null) {
                redis.close();
            }
            for (ImageBuilder.Built image : built.values()) {
                if (docker != null) {
                    try {
                        docker.removeImageCmd(image.reference()).withForce(true).exec();
                    } catch (NotFoundException alreadyGone) {
                        // not pulled
                    }
                }
                String repository = image.reference().substring(dev.registry().length() + 1, image.reference().lastIndexOf(':'));
                registry("DELETE", "/v2/" + repository + "/manifests/" + image.digest(), null);
            }
        } finally {
            if (work != null) {
                Files.write(work.resolve("numbers.txt"), numbers, StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    @Order(1)
    void theCommandPrintsEachImageWithItsDigestAndTheEngineGetsThatDigest() throws IOException {
        String version = ImagesCommand.projectVersion();
        assertThat(version).isNotBlank().doesNotContain("${");
        for (ImageBuilder.Built image : built.values()) {
            assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
            assertThat(printed).contains(image.component().module() + " " + image.reference() + " " + image.digest());
            assertThat(image.reference()).isEqualTo(dev.registry() + "/" + namespace + "/" + image.component().module()
                    + ":" + version);
            InspectImageResponse inspected = docker.inspectImageCmd(image.reference()).exec();
            assertThat(inspected.getRepoDigests()).contains(image.pinned());
        }
    }

    @Test
    @Order(2)
    void theImagesRunAsNonRootWithTheContainerJvmFlagsAndTheirPorts() {
        for (ImageBuilder.Built image : built.values()) {
            var config = docker.inspectImageCmd(image.reference()).exec().getConfig();
            assertThat(config.getUser()).isEqualTo("65532:65532");
            assertThat(config.getEntrypoint()).containsSequence("java", "-XX:+UseContainerSupport",
                    "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
            assertThat(config.getEntrypoint()).endsWith("-cp", "@/app/classpath", mainClass(image.component()));
            assertThat(config.getCmd()).isNullOrEmpty();
            assertThat(Arrays.stream(config.getExposedPorts()).map(ExposedPort::getPort).toList())
                    .containsExactlyInAnyOrderElementsOf(image.component().ports());
            assertThat(config.getEnv()).contains("JAVA_HOME=/opt/java/openjdk");
            assertThat(config.getEnv()).containsAll(image.component().environment().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            assertThat(config.getLabels()).containsEntry("org.opencontainers.image.version",
                    image.reference().substring(image.reference().lastIndexOf(':') + 1));
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theGatewayIsHealthyAndServesARouteWrittenToRedis() throws Exception {
        String app = "img" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        HttpServer upstream = HttpServer.create(new InetSocketAddress(bridge, 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("upstream saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " prefix=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Prefix"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        RedisClient client = RedisClient.create(redis.uri());
        Instant start = Instant.now();
        try (GenericContainer<?> gateway = container(Component.GATEWAY)
                .withEnv("SPRING_DATA_REDIS_URL", "redis://host.docker.internal:" + redis.port())
                .withEnv("SKYPORT_GATEWAY_DEFAULT_APP", app)
                // health is 503 until the routes are loaded from Redis, so 200 also proves Redis is reached
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8081).forStatusCode(200)
                        .withStartupTimeout(STARTUP));
             StatefulRedisConnection<String, String> connection = client.connect()) {
            gateway.start();
            numbers.add("gateway: healthy " + seconds(start) + " after start");
            assertThat(get(gateway, 8081, "/actuator/health").statusCode()).isEqualTo(200);

            String route = new RouteCodec().encode(new RouteRecord("web",
                    URI.create("http://host.docker.internal:" + upstream.getAddress().getPort()), true, "d-1",
                    Instant.now()));
            connection.sync().hset(RedisKeys.routes(app), RoutePrefix.of("/api").value(), route);
            connection.sync().publish(RedisKeys.ROUTES_CHANGED, app);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                HttpResponse<String> response = get(gateway, 8080, "/api/hello?x=1");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("upstream saw GET /hello?x=1 prefix=/api");
            });
            assertThat(get(gateway, 8080, "/elsewhere").statusCode()).isEqualTo(404);
            assertThat(gateway.execInContainer("id", "-u").getStdout().strip()).isEqualTo("65532");

            // the heap follows the container's memory limit: MaxRAMPercentage=75 of 512 MiB
            HttpResponse<String> metrics = get(gateway, 8081, "/actuator/prometheus");
            double heapMax = sumOf(metrics.body(), "jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");
            assertThat(heapMax).isBetween(0.65 * MEMORY_LIMIT, 0.76 * MEMORY_LIMIT);
        } finally {
            client.shutdown();
            upstream.stop(0);
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theBuildFarmIsHealthyAndReadsItsMountedSecrets() throws Exception {
        // two read-only directories, as Kubernetes mounts Secrets: files readable by the image's user
        Path secrets = Files.createTempDirectory(work, "build-farm-secrets");
        Path credentials = Files.createDirectories(secrets.resolve("registry"));
        Path tokenDirectory = Files.createDirectories(secrets.resolve("admin-token"));
        Files.writeString(credentials.resolve("username"), dev.registryUsername());
        Files.writeString(credentials.resolve("password"), dev.registryPassword());
        String token = "images-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Files.writeString(tokenDirectory.resolve("token"), token);
        for (Path directory : List.of(secrets, credentials, tokenDirectory)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path file : List.of(credentials.resolve("username"), credentials.resolve("password"),
                tokenDirectory.resolve("token"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Instant start = Instant.now();
        try (GenericContainer<?> buildFarm = container(Component.BUILD_FARM)
                .withEnv("SPRING_DATA_REDIS_URL", "redis://host.docker.internal:" + redis.port())
                // the registry's address as images name it; it is not reachable from the container (the
                // dev-services registry listens on 127.0.0.1), which the build farm only warns about
                .withEnv("SKYPORT_REGISTRY", dev.registry())
                .withEnv("SKYPORT_BUILD_FARM_AUTH_ADMIN_TOKEN_FILE", "/etc/skyport/admin-token/token")
                .withFileSystemBind(credentials.toString(), "/etc/skyport/registry", BindMode.READ_ONLY)
                .withFileSystemBind(tokenDirectory.toString(), "/etc/skyport/admin-token", BindMode.READ_ONLY)
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8091).forStatusCode(200)
                        .withStartupTimeout(STARTUP))) {
            buildFarm.start();
            numbers.add("build-farm: healthy " + seconds(start) + " after start");
            assertThat(get(buildFarm, 8091, "/actuator/health").statusCode()).isEqualTo(200);
            // the API listens on 0.0.0.0 too, and the admin token came from the mounted file
            HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(
                            URI.create("http://" + buildFarm.getHost() + ":" + buildFarm.getMappedPort(8090) + "/v1/tokens"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            // its data directory belongs to the image's user
            assertThat(buildFarm.execInContainer("stat", "-c", "%u %a", "/var/lib/skyport").getStdout().strip())
                    .isEqualTo("65532 755");
            assertThat(buildFarm.execInContainer("ls", "/var/lib/skyport/build-farm").getStdout())
                    .contains("artifacts");
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theTemplateCatalogIsHealthyAndServesItsTemplates() throws Exception {
        Instant start = Instant.now();
        try (GenericContainer<?> catalog = container(Component.TEMPLATE_CATALOG)
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8082).forStatusCode(200)
                        .withStartupTimeout(STARTUP))) {
            catalog.start();
            numbers.add("template-catalog: healthy " + seconds(start) + " after start");
            assertThat(get(catalog, 8082, "/actuator/health").statusCode()).isEqualTo(200);
            HttpResponse<String> templates = get(catalog, 8082, "/v1/templates");
            assertThat(templates.statusCode()).isEqualTo(200);
            assertThat(templates.body()).contains("python");
        }
    }

    @Test
    @Order(6)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void buildingAgainFromTheSameJarGivesTheSameDigest() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImagesCommand again = new ImagesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Instant start = Instant.now();
        int code = again.run("--registry", dev.registry(), "--namespace", namespace, "--component", "gateway",
                "--credentials-dir", dev.registryCredentials().toString(), "--insecure", "--base", base,
                "--cache-dir", work.resolve("jib-cache").toString());
        assertThat(code).isZero();
        numbers.add("gateway: built again (layers already in the registry) in " + seconds(start));
        assertThat(again.built()).singleElement().satisfies(image ->
                assertThat(image.digest()).isEqualTo(built.get(Component.GATEWAY).digest()));
    }

    private GenericContainer<?> container(Component component) throws IOException {
        Path log = work.resolve(component.module() + ".log");
        Files.deleteIfExists(log);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(built.get(component).reference()));
        return container
                .withExposedPorts(component.ports().toArray(Integer[]::new))
                .withExtraHost("host.docker.internal", "host-gateway")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(MEMORY_LIMIT))
                .withLogConsumer(frame -> {
                    try {
                        Files.writeString(log, frame.getUtf8String(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        // the log is for people reading a failure; a lost line fails nothing
                    }
                });
    }

    private HttpResponse<String> get(GenericContainer<?> container, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mainClass(Component component) {
        return switch (component) {
            case GATEWAY -> "dev.skyport.gateway.GatewayApplication";
            case BUILD_FARM -> "dev.skyport.buildfarm.BuildFarmApplication";
            case TEMPLATE_CATALOG -> "dev.skyport.catalog.TemplateCatalogApplication";
        };
    }

    /** The sum of the layers' and the config's sizes in the pushed manifest: what a node downloads at most. */
    private long compressedSize(ImageBuilder.Built image) throws Exception {
        String repository = image.reference().substring(dev.registry().length() + 1, image.reference().lastIndexOf(':'));
        String manifest = registry("GET", "/v2/" + repository + "/manifests/" + image.digest(),
                "application/vnd.docker.distribution.manifest.v2+json").body();
        long total = 0;
        Matcher sizes = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(manifest);
        while (sizes.find()) {
            total += Long.parseLong(sizes.group(1));
        }
        return total;
    }

    private HttpResponse<String> registry(String method, String path, String accept) throws Exception {
        String basic = Base64.getEncoder().encodeToString((dev.registryUsername() + ":" + dev.registryPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + dev.registry() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(20));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double sumOf(String text, String regex) {
        double sum = 0;
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static String seconds(Instant start) {
        return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }
}
