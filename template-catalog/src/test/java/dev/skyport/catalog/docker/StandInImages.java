package dev.skyport.catalog.docker;

/**
 * The stand-in base images for other modules' tests (the end-to-end tests deploy runtime items): built
 * from this machine's own runtime and tagged with the name a Dockerfile's {@code FROM} line uses.
 * Closing the handle puts back whatever the tag named before.
 */
public final class StandInImages {

    /** A seeded image; {@link #close()} restores the tag's previous state. */
    public interface Seeded extends AutoCloseable {
        @Override
        void close();
    }

    private StandInImages() {
    }

    /** Tags a stand-in for the official {@code python:<version>} images as {@code baseImage}. */
    public static Seeded python(String version, String baseImage, String dockerHost) {
        return seed(StandInBaseImages.python(version), baseImage, dockerHost);
    }

    private static Seeded seed(RootFs rootFs, String baseImage, String dockerHost) {
        DockerSession docker = new DockerSession(dockerHost);
        try {
            docker.importImage(rootFs, baseImage);
            return docker::close;
        } catch (RuntimeException e) {
            docker.close();
            throw e;
        }
    }
}
