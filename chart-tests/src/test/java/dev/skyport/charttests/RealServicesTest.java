package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration files the chart renders, run by the real programs (Debian's docker-registry, Distribution
 * 2.8, and redis-server, which {@code scripts/dev-services} installs): the registry's config.yml with the
 * Secret's bcrypt htpasswd (made by Helm's {@code htpasswd}) and http secret, and redis.conf with the Secret's
 * auth.conf. The probes' paths and commands answer as the Deployment and StatefulSet expect. Only the paths
 * that are volumes in the pod (storage, the mounted files) and the listen addresses (loopback, free ports)
 * are moved, through the programs' own overrides.
 */
class RealServicesTest {

    @TempDir
    Path work;

    private final Rendered rendered = SkyportChart.render(Variant.DEFAULTS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theRegistryRunsTheRenderedConfigWithTheGeneratedCredentials() throws Exception {
        Path registry = program("docker-registry");
        Map<String, String> secret = data(rendered.get(Secret.class, SkyportChart.NAMESPACE, "skyport-registry-auth"));
        Path config = Files.writeString(work.resolve("config.yml"),
                rendered.get(ConfigMap.class, "skyport-registry").getData().get("config.yml"));
        Path htpasswd = Files.writeString(work.resolve("htpasswd"), secret.get("htpasswd"));
        int port = freePort();
        int debugPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(registry.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile());
        builder.environment().putAll(Map.of(
                "REGISTRY_HTTP_ADDR", "127.0.0.1:" + port,
                "REGISTRY_HTTP_DEBUG_ADDR", "127.0.0.1:" + debugPort,
                "REGISTRY_HTTP_SECRET", secret.get("http-secret"),
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", Files.createDirectory(work.resolve("data")).toString(),
                "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString()));
        Process process = builder.start();
        try {
            // The probes: GET /debug/health on the debug port.
            var probe = rendered.get(Deployment.class, "skyport-registry").getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getReadinessProbe().getHttpGet();
            assertThat(probe.getPort().getStrVal()).isEqualTo("debug");
            assertThat(waitFor("http://127.0.0.1:" + debugPort + probe.getPath(), process, work.resolve("registry.log")))
                    .isEqualTo(200);
            assertThat(get("http://127.0.0.1:" + debugPort + "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get("http://127.0.0.1:" + port + "/v2/", null).statusCode()).isEqualTo(401);
            String login = secret.get("username") + ":" + secret.get("password");
            assertThat(get("http://127.0.0.1:" + port + "/v2/", login).statusCode()).isEqualTo(200);
            assertThat(get("http://127.0.0.1:" + port + "/v2/", secret.get("username") + ":wrong").statusCode())
                    .isEqualTo(401);
            assertThat(Files.readString(work.resolve("registry.log")))
                    .doesNotContain("No HTTP secret provided").doesNotContain(secret.get("password"));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void redisRunsTheRenderedConfigAndWantsThePassword() throws Exception {
        Path redis = program("redis-server");
        Map<String, String> secret = data(rendered.get(Secret.class, SkyportChart.NAMESPACE, "skyport-redis-auth"));
        Path auth = Files.writeString(work.resolve("auth.conf"), secret.get("auth.conf"));
        Path data = Files.createDirectory(work.resolve("data"));
        String conf = rendered.get(ConfigMap.class, "skyport-redis").getData().get("redis.conf")
                .replace("include /etc/redis/auth/auth.conf", "include " + auth)
                .replace("dir /data", "dir " + data);
        assertThat(conf).contains("include " + auth, "dir " + data);
        Path config = Files.writeString(work.resolve("redis.conf"), conf);
        int port = freePort();
        Process process = new ProcessBuilder(redis.toString(), config.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(work.resolve("redis.log").toFile()).start();
        try {
            await("redis-server started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertThat(process.isAlive()).as(Files.readString(work.resolve("redis.log"))).isTrue();
                        try (Socket probe = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
            assertThat(command(port, "PING")).startsWith("-NOAUTH");
            assertThat(command(port, "AUTH", secret.get("password"), "PING")).isEqualTo("+OK\r\n+PONG\r\n");
            assertThat(command(port, "AUTH", secret.get("password"), "CONFIG", "GET", "appendonly"))
                    .contains("appendonly").contains("yes");
            assertThat(command(port, "AUTH", secret.get("password"), "CONFIG", "GET", "maxmemory-policy"))
                    .contains("noeviction");
        } finally {
            process.destroy();
            process.waitFor();
        }
        // The probes use redis-cli with REDISCLI_AUTH from the same Secret.
        var container = rendered.get(io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "skyport-redis").getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getExec().getCommand()).containsExactly("redis-cli", "ping");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("REDISCLI_AUTH");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("skyport-redis-auth");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
    }

    private static Path program(String name) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not on the PATH: run scripts/dev-services up, which installs it");
    }

    private static Map<String, String> data(Secret secret) {
        Map<String, String> data = new java.util.HashMap<>();
        secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return data;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private int waitFor(String url, Process process, Path log) {
        int[] status = new int[1];
        await(url + " answered").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as("the program runs: %s", Files.readString(log)).isTrue();
            try {
                status[0] = get(url, null).statusCode();
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return status[0];
    }

    private HttpResponse<String> get(String url, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (login != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends commands (AUTH takes one argument, the rest are one command) and reads one reply per command. */
    private static String command(int port, String... words) throws IOException {
        List<List<String>> commands = new java.util.ArrayList<>();
        if (words[0].equals("AUTH")) {
            commands.add(List.of("AUTH", words[1]));
            commands.add(List.of(words).subList(2, words.length));
        } else {
            commands.add(List.of(words));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            for (List<String> command : commands) {
                StringBuilder resp = new StringBuilder("*" + command.size() + "\r\n");
                for (String word : command) {
                    resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
                }
                out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                readReply(in, replies);
            }
            return replies.toString();
        }
    }

    /** One RESP reply, as sent: a line, plus a bulk string's value or an array's elements. */
    private static void readReply(BufferedReader in, StringBuilder raw) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("redis closed the connection after: " + raw);
        }
        raw.append(line).append("\r\n");
        int count = line.length() > 1 && (line.charAt(0) == '$' || line.charAt(0) == '*')
                ? Integer.parseInt(line.substring(1)) : -1;
        if (line.charAt(0) == '$' && count >= 0) {
            raw.append(in.readLine()).append("\r\n");
        } else if (line.charAt(0) == '*') {
            for (int i = 0; i < count; i++) {
                readReply(in, raw);
            }
        }
    }
}
