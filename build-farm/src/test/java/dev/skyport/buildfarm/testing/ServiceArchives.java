package dev.skyport.buildfarm.testing;

import dev.skyport.testing.BaseImages;

/** Small build contexts on the seeded busybox base, for tests that build and run. */
public final class ServiceArchives {

    private ServiceArchives() {
    }

    /** busybox httpd serving {@code body} at / on {@code port}. */
    public static byte[] httpd(String body, int port) {
        return TestArchive.create()
                .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\n"
                        + "COPY index.html /var/www/index.html\n"
                        + "CMD [\"httpd\", \"-f\", \"-p\", \"" + port + "\", \"-h\", \"/var/www\"]\n")
                .file("index.html", body)
                .bytes();
    }

    /** A Dockerfile whose build fails at a RUN step. */
    public static byte[] failingBuild(String marker) {
        return TestArchive.create()
                .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\n"
                        + "RUN echo building " + marker + "\n"
                        + "RUN echo about to fail && exit 3\n")
                .bytes();
    }

    /** An image that starts, writes a line, and never listens. */
    public static byte[] neverReady(String marker) {
        return TestArchive.create()
                .file("Dockerfile", "FROM " + BaseImages.BUSYBOX + "\n"
                        + "CMD [\"sh\", \"-c\", \"echo booting " + marker + "; echo cannot open the database; sleep 600\"]\n")
                .bytes();
    }
}
