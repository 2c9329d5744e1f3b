package dev.skyport.buildfarm.runtime;

import java.net.URI;

/** An instance as the driver sees it now; {@code target} is null when it is not running. */
public record ObservedInstance(InstanceRef ref, boolean running, URI target) {
}
