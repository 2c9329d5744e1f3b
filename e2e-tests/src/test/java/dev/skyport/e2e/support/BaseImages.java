package dev.skyport.e2e.support;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.skyport.catalog.docker.StandInImages;
import dev.skyport.testing.DevServices;

/** Base images no registry can provide here, made from this machine's own binaries. */
public final class BaseImages {

    /** What {@code examples/hello} and the tests' Dockerfiles start from. */
    public static final String BUSYBOX = "busybox:1.36";

    private static boolean busyboxPresent;

    private BaseImages() {
    }

    /**
     * Makes sure {@code busybox:1.36} exists: an existing one (pulled, or seeded by {@code bin/skyport demo}
     * or the build farm's tests) is used as it is; otherwise Debian's static busybox is imported under that
     * name and left in place, as {@code bin/skyport demo} leaves it.
     */
    public static synchronized void ensureBusybox() {
        if (busyboxPresent) {
            return;
        }
        try (DockerState docker = new DockerState()) {
            docker.client().inspectImageCmd(BUSYBOX).exec();
        } catch (NotFoundException e) {
            StandInImages.busybox(BUSYBOX, DevServices.get().dockerHost()); // not closed: the image stays
        }
        busyboxPresent = true;
    }
}
