package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the networks the driver puts builds and instances on exist. Each is a bridge of its own
 * with inter-container traffic off: the Engine drops traffic between different bridges, so builds
 * cannot reach instances, and with ICC off neither two builds nor two instances reach each other.
 * Traffic out (the internet, through the host's NAT) is untouched.
 */
final class EngineNetworks {

    /** The bridge driver's option that turns inter-container traffic on the same network on or off. */
    static final String ICC_OPTION = "com.docker.network.bridge.enable_icc";

    private static final Logger log = LoggerFactory.getLogger(EngineNetworks.class);

    private final DockerClient docker;

    EngineNetworks(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Creates the network if it is missing. Checked before every use (one cheap call) rather than once:
     * an operator may have removed it while the build farm ran. Built-in modes are used as they are.
     */
    synchronized void ensure(String name) {
        if (DockerProperties.BUILT_IN_NETWORKS.contains(DockerProperties.effective(name))
                || name.startsWith("container:")) {
            return;
        }
        try {
            Network existing = docker.inspectNetworkCmd().withNetworkId(name).exec();
            if (existing.getOptions() == null || !"false".equals(existing.getOptions().get(ICC_OPTION))) {
                log.warn("network {} exists and lets its containers reach each other ({} is not false); remove it"
                        + " and the build farm creates it without", name, ICC_OPTION);
            }
            return;
        } catch (NotFoundException missing) {
            // created below
        }
        try {
            docker.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withOptions(Map.of(ICC_OPTION, "false"))
                    .withLabels(Map.of(DockerLabels.MANAGED_BY, "skyport"))
                    .exec();
            log.info("created Docker network {} (bridge, no inter-container traffic)", name);
        } catch (ConflictException createdMeanwhile) {
            // another process made it between the inspect and the create: it exists, which is all we need
        }
    }
}
