package dev.skyport.images;

import dev.skyport.testing.DevServices;
import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The tests' base image: nothing can be pulled here, so {@code scripts/jre-base-image} makes a JRE image from
 * this machine's JDK 17 (jlink), imports it on the dev-services Engine and pushes it to the dev-services
 * registry with its credentials. The Engine keeps it, so later runs only push it again (a few seconds).
 */
final class JreBaseImage {

    /** The repository and tag under the dev-services registry. */
    static final String NAME = "skyport-test/jre:17";

    private JreBaseImage() {
    }

    /** Makes and pushes the image unless the Engine has it; returns its reference in the registry. */
    static String ensure(DevServices dev) {
        String image = dev.registry() + "/" + NAME;
        ProcessBuilder builder = new ProcessBuilder("bash",
                RepositoryRoot.find().resolve("scripts/jre-base-image").toString(), image, "--push")
                .redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", dev.dockerHost());
        builder.environment().put("REGISTRY_CREDENTIALS", dev.registryCredentials().toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/jre-base-image did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("scripts/jre-base-image " + image + " failed: " + output.strip());
            }
            return image;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/jre-base-image: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + image, e);
        }
    }
}
