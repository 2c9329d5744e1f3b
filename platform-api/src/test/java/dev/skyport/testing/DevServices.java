package dev.skyport.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local services the tests run against (Redis, the basic-auth registry, a Docker Engine),
 * as {@code scripts/dev-services} starts and describes them.
 *
 * <p>The first use runs {@code scripts/dev-services up} (quick when they already run), so a plain
 * {@code ./mvnw verify} brings up what it needs; then it reads the addresses from {@code env}.
 */
public final class DevServices {

    private static DevServices instance;

    private final Map<String, String> env;

    private DevServices(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static synchronized DevServices get() {
        if (instance == null) {
            Path script = RepositoryRoot.find().resolve("scripts/dev-services");
            run(script, "up");
            instance = new DevServices(parseExports(run(script, "env")));
        }
        return instance;
    }

    public URI redisUri() {
        return URI.create(require("SKYPORT_REDIS_URL"));
    }

    public String redisHost() {
        return redisUri().getHost();
    }

    public int redisPort() {
        return redisUri().getPort();
    }

    /** {@code host:port} of the registry, plain HTTP with basic auth. */
    public String registry() {
        return require("SKYPORT_REGISTRY");
    }

    /** Directory holding {@code username}, {@code password}, {@code htpasswd}: the layout of a mounted Secret. */
    public Path registryCredentials() {
        return Path.of(require("SKYPORT_REGISTRY_CREDENTIALS"));
    }

    public String registryUsername() {
        return readTrimmed(registryCredentials().resolve("username"));
    }

    public String registryPassword() {
        return readTrimmed(registryCredentials().resolve("password"));
    }

    public String dockerHost() {
        return require("DOCKER_HOST");
    }

    public Path skyportHome() {
        return Path.of(require("SKYPORT_HOME"));
    }

    private String require(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("scripts/dev-services env did not print " + name);
        }
        return value;
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parseExports(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("export ") || !l.contains("=")) {
                continue;
            }
            String assignment = l.substring("export ".length());
            int eq = assignment.indexOf('=');
            String value = assignment.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(assignment.substring(0, eq), value);
        }
        return values;
    }

    private static String run(Path script, String command) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " did not finish in 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + command + " failed (exit " + process.exitValue()
                        + "); its messages above say what is missing");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }
}
