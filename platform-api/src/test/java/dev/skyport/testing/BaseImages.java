package dev.skyport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Base images no registry can provide here. They come from {@code scripts/seed-base-image}, the same
 * script {@code bin/skyport demo} runs on a newcomer's machine, so the tests exercise that path too.
 */
public final class BaseImages {

    /** What {@code examples/hello} and the tests' Dockerfiles start from. */
    public static final String BUSYBOX = "busybox:1.36";

    private static boolean busyboxPresent;

    private BaseImages() {
    }

    /** Makes sure {@code busybox:1.36} exists in the dev-services Docker Engine (kept if it does). */
    public static synchronized void ensureBusybox() {
        if (busyboxPresent) {
            return;
        }
        seed(BUSYBOX, DevServices.get().dockerHost());
        busyboxPresent = true;
    }

    /** Runs {@code scripts/seed-base-image image} against the Engine at {@code dockerHost}. */
    public static void seed(String image, String dockerHost) {
        ProcessBuilder builder = new ProcessBuilder("bash",
                RepositoryRoot.find().resolve("scripts/seed-base-image").toString(), image)
                .redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", dockerHost);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/seed-base-image " + image + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("scripts/seed-base-image " + image + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/seed-base-image: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding " + image, e);
        }
    }
}
