package dev.skyport.buildfarm.testing;

import dev.skyport.testing.DevServices;
import dev.skyport.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every test build farm starts with, in-process or in a child JVM: a private Redis and artifact
 * directory, the dev-services registry and Docker Engine, its own admin token and short timeouts.
 */
final class FarmSettings {

    private FarmSettings() {
    }

    static String newAdminToken() {
        return "sk_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    static Path newHome() {
        try {
            return Files.createTempDirectory("skyport-build-farm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In the order they are given; callers add their own and then the test's overrides. */
    static Map<String, Object> defaults(RedisServerProcess redis, Path home, String adminToken) {
        DevServices services = DevServices.get();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.main.banner-mode", "off");
        p.put("spring.data.redis.url", redis.uri());
        p.put("skyport.build-farm.artifacts.directory", home.resolve("artifacts").toString());
        p.put("skyport.build-farm.registry.address", services.registry());
        p.put("skyport.build-farm.registry.credentials-directory", services.registryCredentials().toString());
        p.put("skyport.build-farm.docker.host", services.dockerHost());
        p.put("skyport.build-farm.auth.admin-token", adminToken);
        p.put("skyport.build-farm.runtime.drain-delay", "300ms");
        p.put("skyport.build-farm.runtime.stop-timeout", "2s");
        p.put("skyport.build-farm.runtime.observe-interval", "1h");
        p.put("logging.level.dev.skyport", "INFO");
        return p;
    }
}
