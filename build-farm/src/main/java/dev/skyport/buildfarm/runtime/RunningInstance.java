package dev.skyport.buildfarm.runtime;

import java.net.URI;

/** An instance that answered its readiness check, and where the gateway reaches it. */
public record RunningInstance(InstanceRef ref, URI target) {
}
