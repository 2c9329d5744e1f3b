package dev.skyport.buildfarm.runtime.kubernetes;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Docker Engine with an empty data root, as a fresh Docker-in-Docker sidecar has: its own
 * {@code --data-root}, {@code --exec-root}, {@code --pidfile} and unix socket under a temp dir, the vfs
 * storage driver (works on any file system), and the dev-services registry as an insecure (plain HTTP)
 * registry, as the DinD container gets {@code --insecure-registry}. Started and stopped by this JVM, by
 * PID; needs root, as {@code scripts/dev-services} needs it for its private dockerd.
 *
 * <p>Unlike a DinD sidecar it shares the host's network namespace with the Engine of dev-services, so it
 * must leave that Engine's network alone: it gets a bridge of its own ({@code --bridge skydind…}, made
 * here with a /24 of 10.254.0.0/16, deleted after) and touches no iptables rules
 * ({@code --iptables=false --ip-masq=false}). Never {@code --bridge none}: with it, dockerd deletes the
 * host's {@code docker0}, the bridge of the other Engine's containers. Build steps get that bridge, with
 * no route out (no NAT), which the steps the tests give it do not need.
 */
final class PrivateDockerd implements AutoCloseable {

    private final Path dir;
    private final String bridge;
    private final Process process;
    private final String dockerHost;

    private PrivateDockerd(Path dir, String bridge, Process process, String dockerHost) {
        this.dir = dir;
        this.bridge = bridge;
        this.process = process;
        this.dockerHost = dockerHost;
    }

    /** Why a private dockerd cannot start here, or null when it can. */
    static String unavailableReason() {
        if (dockerd() == null) {
            return "no dockerd binary (Debian/Ubuntu: apt-get install docker.io)";
        }
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return "starting a private dockerd needs root (this JVM runs as uid " + uid + ")";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot tell whether this JVM runs as root: " + e.getMessage();
        }
        return null;
    }

    static PrivateDockerd start(String insecureRegistry) throws IOException {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        Path dir = Files.createTempDirectory("skyport-dind");
        Path socket = dir.resolve("docker.sock");
        Path log = dir.resolve("dockerd.log");
        Path config = Files.writeString(dir.resolve("daemon.json"), "{}\n"); // not the host's /etc/docker one
        String bridge = createBridge();
        List<String> command = List.of(dockerd(), "--config-file", config.toString(), "--storage-driver", "vfs",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "-H", "unix://" + socket,
                "--bridge", bridge, "--iptables=false", "--ip-masq=false",
                "--insecure-registry", insecureRegistry);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException | RuntimeException e) {
            deleteBridge(bridge);
            throw e;
        }
        PrivateDockerd daemon = new PrivateDockerd(dir, bridge, process, "unix://" + socket);
        try {
            await("the private dockerd at " + daemon.dockerHost + " to answer").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the private dockerd exited; its log: " + log, () -> !process.isAlive())
                    .until(() -> Commands.docker(daemon.dockerHost, Duration.ofSeconds(10), "version").exit() == 0);
        } catch (RuntimeException | Error e) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            daemon.close();
            throw new IllegalStateException(e.getMessage() + "\n" + tail(output), e);
        }
        return daemon;
    }

    String dockerHost() {
        return dockerHost;
    }

    /** Stops dockerd (and what it started: its containerd) by PID, then removes its data root. */
    @Override
    public void close() {
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        stop(process.toHandle());
        for (ProcessHandle child : started) {
            stop(child);
        }
        deleteBridge(bridge);
        unmountUnder(dir);
        Commands.run(List.of("rm", "-rf", "--one-file-system", dir.toString()), null, null, Duration.ofMinutes(2));
    }

    /** A bridge named {@code skydind<random>} with a /24 of 10.254.0.0/16 that no route uses yet. */
    private static String createBridge() {
        String routes = Commands.run(List.of("ip", "-4", "route"), null, null, Duration.ofSeconds(30))
                .requireSuccess("ip -4 route").output();
        java.util.Random random = new java.util.Random();
        String subnet = null;
        for (int attempt = 0; attempt < 50 && subnet == null; attempt++) {
            String candidate = "10.254." + (1 + random.nextInt(254)) + ".";
            if (!routes.contains(candidate)) {
                subnet = candidate;
            }
        }
        if (subnet == null) {
            throw new IllegalStateException("no free /24 in 10.254.0.0/16 for a private dockerd's bridge");
        }
        String name = "skydind" + Integer.toHexString(0x100000 + random.nextInt(0xefffff));
        Commands.run(List.of("ip", "link", "add", "name", name, "type", "bridge"), null, null, Duration.ofSeconds(30))
                .requireSuccess("ip link add " + name);
        try {
            Commands.run(List.of("ip", "addr", "add", subnet + "1/24", "dev", name), null, null, Duration.ofSeconds(30))
                    .requireSuccess("ip addr add " + subnet + "1/24 dev " + name);
            Commands.run(List.of("ip", "link", "set", name, "up"), null, null, Duration.ofSeconds(30))
                    .requireSuccess("ip link set " + name + " up");
        } catch (RuntimeException e) {
            deleteBridge(name);
            throw e;
        }
        return name;
    }

    private static void deleteBridge(String name) {
        Commands.run(List.of("ip", "link", "delete", name, "type", "bridge"), null, null, Duration.ofSeconds(30));
    }

    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** A mount dockerd left under its own directories (a network namespace, a layer) goes before the rm. */
    private static void unmountUnder(Path dir) {
        try {
            List<String> mounts = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 1 && fields[1].startsWith(dir + "/")) {
                    mounts.add(fields[1]);
                }
            }
            mounts.sort((a, b) -> b.length() - a.length());
            for (String mount : mounts) {
                Commands.run(List.of("umount", "-l", mount), null, null, Duration.ofSeconds(30));
            }
        } catch (IOException e) {
            // nothing to read, nothing to unmount
        }
    }

    private static String dockerd() {
        for (String candidate : List.of("/usr/sbin/dockerd", "/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
