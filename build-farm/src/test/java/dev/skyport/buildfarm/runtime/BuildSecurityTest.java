package dev.skyport.buildfarm.runtime;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.testing.BaseImages;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.registry.credentials.RegistryCredentials;
import dev.skyport.registry.dockerconfig.DockerConfigJson;
import dev.skyport.testing.DevServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Dockerfile that hunts for registry credentials and tries to reach and push to the registry finds
 * nothing and gets nowhere, while the build itself succeeds; and the requests docker-java sent prove
 * that the daemon got credentials for the push only, never for the build.
 *
 * <p>To make the proof strong, the JVM is given credentials where docker-java's default configuration
 * would pick them up ({@code DOCKER_CONFIG} with a config.json for the registry, {@code registry.*}).
 */
@Tag("engine")
class BuildSecurityTest {

    private static final String APP = "sec" + UUID.randomUUID().toString().substring(0, 6);
    private static Path dir;
    private static RecordingDockerProxy proxy;
    private static TestBuildFarm farm;
    private static RegistryCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        BaseImages.ensureBusybox();
        DevServices services = DevServices.get();
        credentials = CredentialsDirectory.load(services.registryCredentials());
        dir = Files.createTempDirectory("skyport-security");
        Files.writeString(dir.resolve("config.json"), DockerConfigJson.render(services.registry(), credentials));
        System.setProperty("DOCKER_CONFIG", dir.toString());
        System.setProperty("registry.username", credentials.username());
        System.setProperty("registry.password", credentials.password());
        System.setProperty("registry.url", "http://" + services.registry());
        proxy = new RecordingDockerProxy(Path.of(services.dockerHost().substring("unix://".length())),
                dir.resolve("docker.sock"));
        farm = TestBuildFarm.start(Map.of("skyport.build-farm.docker.host", proxy.dockerHost()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            farm.client().delete("/v1/apps/" + APP + "/microservices/nosy");
            farm.close();
            proxy.close();
        } finally {
            for (String property : List.of("DOCKER_CONFIG", "registry.username", "registry.password", "registry.url")) {
                System.clearProperty(property);
            }
        }
    }

    @Test
    void aDockerfileHuntingForCredentialsFindsNothingAndCannotPushYetBuilds() throws Exception {
        String registry = DevServices.get().registry();
        String port = registry.substring(registry.indexOf(':') + 1);
        String dockerfile = "FROM busybox:1.36\n"
                + "RUN echo '== environment ==' && env | sort && echo '== end of environment =='\n"
                + "RUN for f in /root/.docker/config.json /.docker/config.json /kaniko/.docker/config.json"
                + " /run/secrets/registry /var/run/secrets/kubernetes.io/serviceaccount/token; do"
                + " [ -e \"$f\" ] && echo \"FOUND $f\"; done;"
                + " find / -xdev \\( -name config.json -o -name .dockerconfigjson -o -name htpasswd"
                + " -o -name password -o -name .docker \\) 2>/dev/null | sed 's/^/FOUND /';"
                + " echo '== searched for credential files =='\n"
                // busybox's static wget crashes here; nc speaks the HTTP by hand.
                + "RUN gw=$(ip route 2>/dev/null | awk '/default/ {print $3}');"
                + " for host in 127.0.0.1 $gw; do"
                + " r=$(printf 'GET /v2/ HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $host " + port + " 2>&1 | head -1);"
                + " case \"$r\" in HTTP/*) echo \"REGISTRY ANSWERED at $host: $r\";;"
                + " *) echo \"no registry access at $host: $r\";; esac;"
                + " r=$(printf 'POST /v2/" + APP + "/nosy/blobs/uploads/ HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n'"
                + " | nc -w 3 $host " + port + " 2>&1 | head -1);"
                + " case \"$r\" in *' 202 '*) echo \"PUSH STARTED at $host: $r\";;"
                + " *) echo \"cannot push at $host: $r\";; esac; done\n"
                + "COPY index.html /var/www/index.html\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n";
        byte[] archive = TestArchive.create().file("Dockerfile", dockerfile).file("index.html", "still built").bytes();
        BuildFarmClient api = farm.client();

        String id = api.deploy(APP, "nosy", archive, item("/nosy", 8080));
        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");

        List<String> log = api.logLines(APP, id);
        String text = String.join("\n", log);
        assertThat(log).contains("== end of environment ==", "== searched for credential files ==")
                .anyMatch(l -> l.startsWith("no registry access at 127.0.0.1"))
                .anyMatch(l -> l.startsWith("cannot push at 127.0.0.1"));
        assertThat(log).noneMatch(l -> l.startsWith("FOUND "));
        assertThat(text).doesNotContain(credentials.password()).doesNotContain(credentials.basicToken());
        // The registry must not let the build in: not reachable at all here, and never a 200 or a started upload.
        assertThat(log).noneMatch(l -> l.startsWith("REGISTRY ANSWERED") && l.contains(" 200 "))
                .noneMatch(l -> l.startsWith("PUSH STARTED"));
        List<String> environment = log.subList(log.indexOf("== environment ==") + 1, log.indexOf("== end of environment =="));
        assertThat(environment).noneMatch(l -> l.toUpperCase().contains("REGISTRY") || l.toUpperCase().contains("DOCKER")
                || l.toUpperCase().contains("PASSWORD"));
        assertThat(fetch(api.microservice(APP, "nosy").get("route").get("target").asString() + "/").body())
                .isEqualTo("still built");

        List<RecordingDockerProxy.Request> requests = proxy.requests();
        List<RecordingDockerProxy.Request> builds = requests.stream().filter(r -> r.path().contains("/build?")).toList();
        List<RecordingDockerProxy.Request> pushes = requests.stream().filter(r -> r.path().contains("/push")).toList();
        assertThat(builds).isNotEmpty().allSatisfy(build -> {
            assertThat(build.hasHeader("X-Registry-Config")).as(build.head()).isFalse();
            assertThat(build.hasHeader("X-Registry-Auth")).as(build.head()).isFalse();
        });
        assertThat(pushes).isNotEmpty().allSatisfy(push -> assertThat(push.hasHeader("X-Registry-Auth")).isTrue());
        assertThat(requests).filteredOn(r -> r.hasHeader("X-Registry-Auth") || r.hasHeader("X-Registry-Config"))
                .allSatisfy(r -> assertThat(r.path()).contains("/push"));
    }

    @Test
    void dockerJavasDefaultConfigurationWouldHaveSentTheCredentialsWithTheBuild() throws Exception {
        // The control: the same proxy, a plain docker-java client with its default configuration (which
        // reads DOCKER_CONFIG), one trivial build. The recorder must see X-Registry-Config on it.
        int before = proxy.requests().size();
        var config = com.github.dockerjava.core.DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(proxy.dockerHost()).build();
        var http = new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build();
        try (var client = com.github.dockerjava.core.DockerClientImpl.getInstance(config, http)) {
            byte[] context = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes();
            String image = client.buildImageCmd(new java.io.ByteArrayInputStream(context))
                    .exec(new com.github.dockerjava.api.command.BuildImageResultCallback())
                    .awaitImageId(2, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(image).isNotBlank();
        }
        List<RecordingDockerProxy.Request> builds = proxy.requests().subList(before, proxy.requests().size()).stream()
                .filter(r -> r.path().contains("/build")).toList();
        assertThat(builds).isNotEmpty().allSatisfy(build -> assertThat(build.hasHeader("X-Registry-Config")).isTrue());
    }
}
