package dev.skyport.buildfarm.runtime;

import static dev.skyport.buildfarm.testing.BuildFarmClient.fetch;
import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.ServiceArchives;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.testing.BaseImages;
import dev.skyport.testing.DevServices;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hostile Dockerfile, built while an app instance runs, probes everything a build must not reach: the
 * instance (its bridge address, and its published port through the host's bridge addresses), the
 * Engine's socket, the registry, the build farm's ports, Redis and the registry credentials. Every probe
 * must come back BLOCKED while a control probe in the same step (a server the step starts itself) comes
 * back REACHED, and the build must succeed, so the probes really ran. Also: instances and builds get the
 * configured memory, CPU and pids limits.
 *
 * <p>Probes go only to the containers and networks this test starts and to the host's bridge gateways.
 */
@Tag("engine")
class BuildIsolationTest {

    private static final String APP = "iso" + UUID.randomUUID().toString().substring(0, 6);
    private static final long INSTANCE_MEMORY = 300L * 1024 * 1024;
    private static final long BUILD_MEMORY = 700L * 1024 * 1024;
    private static final int BUILD_CPU_SHARES = 300;

    /**
     * {@code probe NAME HOST PORT} prints one line, REACHED-NAME or BLOCKED-NAME: whether a TCP connection
     * opened (busybox nc runs {@code -e} only once connected; {@code -w} bounds the connect).
     */
    private static final String PROBE_SCRIPT = """
            #!/bin/sh
            probe() {
              if nc -w 2 "$2" "$3" -e /bin/true 2>/dev/null; then echo "REACHED-$1 $2:$3"
              else echo "BLOCKED-$1 $2:$3"; fi
            }
            check() {
              if [ "$2" = yes ]; then echo "REACHED-$1"; else echo "BLOCKED-$1"; fi
            }
            """;

    private static TestBuildFarm farm;
    private static BuildFarmClient api;
    private static DockerClient docker;

    @BeforeAll
    static void start() {
        BaseImages.ensureBusybox();
        farm = TestBuildFarm.start(Map.of(
                "skyport.build-farm.limits.instance.memory", "300MB",
                "skyport.build-farm.limits.instance.cpus", "0.5",
                "skyport.build-farm.limits.instance.pids", "200",
                "skyport.build-farm.limits.build.memory", "700MB",
                "skyport.build-farm.limits.build.cpu-shares", Integer.toString(BUILD_CPU_SHARES)));
        api = farm.client();
        docker = farm.bean(DockerClient.class);
    }

    @AfterAll
    static void stop() {
        try {
            for (String name : List.of("target", "nosy", "limited")) {
                api.delete("/v1/apps/" + APP + "/microservices/" + name);
            }
        } finally {
            farm.close();
        }
    }

    @Test
    void aBuildReachesNoInstanceNoPlatformNoRegistryAndNoCredentialsYetSucceeds() throws Exception {
        String target = api.deploy(APP, "target", ServiceArchives.httpd("the target app", 8080), item("/target", 8080));
        api.awaitDeployment(APP, target, Duration.ofMinutes(2), "running");
        URI published = URI.create(api.microservice(APP, "target").get("route").get("target").asString());
        assertThat(fetch(published + "/").body()).isEqualTo("the target app");
        InspectContainerResponse instance = instanceOf(target);
        String bridgeGateway = gateway(docker.inspectNetworkCmd().withNetworkId("bridge").exec());

        // Ports on the host: the build farm's, its management port, its Redis, the registry, the instance's published one.
        Map<String, Integer> hostPorts = Map.of(
                "BUILD-FARM-API", farm.port(),
                "BUILD-FARM-MANAGEMENT", farm.managementUri().getPort(),
                "REDIS", URI.create(farm.redisUri()).getPort(),
                "REGISTRY", Integer.parseInt(DevServices.get().registry().split(":")[1]),
                "APP-PUBLISHED", published.getPort());
        List<String> probes = new ArrayList<>();
        Set<String> expectedBlocked = new LinkedHashSet<>();
        for (ContainerNetwork network : instance.getNetworkSettings().getNetworks().values()) {
            probes.add("probe APP-CONTAINER " + network.getIpAddress() + " 8080");
            expectedBlocked.add("BLOCKED-APP-CONTAINER " + network.getIpAddress() + ":8080");
        }
        hostPorts.forEach((name, port) -> {
            // $gw is the build step's own gateway, found in the step (the build network is made on first use).
            for (String host : List.of("$gw", bridgeGateway, "127.0.0.1")) {
                probes.add("probe " + name + " " + host + " " + port);
            }
            expectedBlocked.add("BLOCKED-" + name + " 127.0.0.1:" + port);
            expectedBlocked.add("BLOCKED-" + name + " " + bridgeGateway + ":" + port);
        });
        String dockerfile = "FROM " + BaseImages.BUSYBOX + "\n"
                + "COPY probe.sh /probe.sh\n"
                + "RUN echo 'probing, run " + UUID.randomUUID() + "'\n"
                + "RUN . /probe.sh; gw=$(ip route | awk '/default/ {print $3}'); echo \"BUILD-GATEWAY=$gw\";"
                + " mkdir -p /www && httpd -f -p 127.0.0.1:9000 -h /www & "
                + " for try in 1 2 3 4 5 6 7 8 9 10; do nc -w 1 127.0.0.1 9000 -e /bin/true 2>/dev/null && break;"
                + " sleep 0.2; done; probe SELF 127.0.0.1 9000; "
                + String.join("; ", probes) + "\n"
                + "RUN . /probe.sh; ls -l /var/run/docker.sock /run/docker.sock 2>&1;"
                + " check ENGINE-SOCKET $( [ -e /var/run/docker.sock ] || [ -e /run/docker.sock ]"
                + " || [ -e " + DevServices.get().dockerHost().substring("unix://".length()) + " ] && echo yes);"
                + " check DOCKER-HOST-VARIABLE $( [ -n \"$DOCKER_HOST\" ] && echo yes);"
                + " check DOCKER-CONFIG $( [ -e /root/.docker/config.json ] || [ -e /.docker/config.json ] && echo yes);"
                + " check CREDENTIALS-IN-ENVIRONMENT $(env | grep -i -q -E 'passw|secret|token|registry|docker'"
                + " && echo yes)\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n";
        byte[] archive = TestArchive.create().file("Dockerfile", dockerfile)
                .file("probe.sh", PROBE_SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755).bytes();

        String nosy = api.deploy(APP, "nosy", archive, item("/nosy", 8080));
        api.awaitDeployment(APP, nosy, Duration.ofMinutes(3), "running");

        List<String> log = api.logLines(APP, nosy);
        assertThat(log).as("the control probe: the step's own server answers").contains("REACHED-SELF 127.0.0.1:9000");
        assertThat(log).as("nothing else is reachable").filteredOn(l -> l.startsWith("REACHED-"))
                .containsExactly("REACHED-SELF 127.0.0.1:9000");
        assertThat(log).containsAll(expectedBlocked).contains("BLOCKED-ENGINE-SOCKET", "BLOCKED-DOCKER-HOST-VARIABLE",
                "BLOCKED-DOCKER-CONFIG", "BLOCKED-CREDENTIALS-IN-ENVIRONMENT");
        String buildGateway = log.stream().filter(l -> l.startsWith("BUILD-GATEWAY=")).findFirst().orElseThrow()
                .substring("BUILD-GATEWAY=".length());
        hostPorts.forEach((name, port) -> assertThat(log).contains("BLOCKED-" + name + " " + buildGateway + ":" + port));
        assertThat(String.join("\n", log)).doesNotContain(DevServices.get().registryPassword());

        // The RUN steps ran on the build network, which has inter-container traffic off and no instance on it.
        Network buildNetwork = docker.inspectNetworkCmd().withNetworkId(farm.buildNetwork()).exec();
        assertThat(gateway(buildNetwork)).isEqualTo(buildGateway);
        assertThat(buildNetwork.getOptions()).containsEntry("com.docker.network.bridge.enable_icc", "false");
        assertThat(buildNetwork.getContainers()).doesNotContainKey(instance.getId());
        assertThat(instance.getNetworkSettings().getNetworks()).containsOnlyKeys(farm.appsNetwork());
        assertThat(fetch(published + "/").body()).as("the instance still serves through its published port")
                .isEqualTo("the target app");
    }

    @Test
    void instancesAndBuildsRunWithTheConfiguredLimits() throws Exception {
        String dockerfile = "FROM " + BaseImages.BUSYBOX + "\n"
                + "RUN echo 'reading limits, run " + UUID.randomUUID() + "'\n"
                + "RUN if [ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then echo BUILD-CGROUP=v1;"
                + " echo BUILD-MEMORY=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes);"
                + " echo BUILD-MEMORY-AND-SWAP=$(cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes);"
                + " echo BUILD-CPU=$(cat /sys/fs/cgroup/cpu/cpu.shares);"
                + " else echo BUILD-CGROUP=v2; echo BUILD-MEMORY=$(cat /sys/fs/cgroup/memory.max);"
                + " echo BUILD-SWAP=$(cat /sys/fs/cgroup/memory.swap.max);"
                + " echo BUILD-CPU=$(cat /sys/fs/cgroup/cpu.weight); fi\n"
                + "COPY index.html /var/www/index.html\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/var/www\"]\n";
        byte[] archive = TestArchive.create().file("Dockerfile", dockerfile).file("index.html", "limited").bytes();

        String id = api.deploy(APP, "limited", archive, item("/limited", 8080));
        api.awaitDeployment(APP, id, Duration.ofMinutes(2), "running");

        HostConfig host = instanceOf(id).getHostConfig();
        assertThat(host.getMemory()).isEqualTo(INSTANCE_MEMORY);
        assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(INSTANCE_MEMORY);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getPidsLimit()).isEqualTo(200L);
        assertThat(host.getNetworkMode()).isEqualTo(farm.appsNetwork());

        List<String> log = api.logLines(APP, id);
        assertThat(log).contains("BUILD-MEMORY=" + BUILD_MEMORY);
        if (log.contains("BUILD-CGROUP=v1")) {
            assertThat(log).contains("BUILD-MEMORY-AND-SWAP=" + BUILD_MEMORY, "BUILD-CPU=" + BUILD_CPU_SHARES);
        } else {
            // cgroup v2: runc maps shares to a weight of 1 + (shares - 2) * 9999 / 262142.
            assertThat(log).contains("BUILD-SWAP=0", "BUILD-CPU=" + (1 + (BUILD_CPU_SHARES - 2) * 9999 / 262142));
        }
    }

    private static InspectContainerResponse instanceOf(String deploymentId) {
        List<Container> containers = docker.listContainersCmd()
                .withLabelFilter(Map.of("skyport.dev/deployment", deploymentId)).exec();
        assertThat(containers).hasSize(1);
        return docker.inspectContainerCmd(containers.get(0).getId()).exec();
    }

    private static String gateway(Network network) {
        Network.Ipam.Config config = network.getIpam().getConfig().get(0);
        if (config.getGateway() != null) {
            return config.getGateway();
        }
        // The default bridge lists only its subnet; its gateway (docker0) is the subnet's first address.
        String base = config.getSubnet().substring(0, config.getSubnet().indexOf('/'));
        int lastDot = base.lastIndexOf('.');
        return base.substring(0, lastDot + 1) + (Integer.parseInt(base.substring(lastDot + 1)) + 1);
    }
}
