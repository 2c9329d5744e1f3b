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
 * Traffic out (the internet, through the host's NAT) is untouched. The Engine drops traffic between
 * bridges with its iptables rules, so only while dockerd runs with iptables on (its default).
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
     * Creates the network if it is missing, and refuses one that exists but would not isolate: not a
     * bridge, or a bridge with inter-container traffic on. Checked before every use (one cheap call)
     * rather than once: an operator may have removed or replaced it while the build farm ran. Built-in
     * modes are used as they are.
     *
     * @throws IllegalStateException when the network exists but does not isolate; the build or run
     *                               fails with that message rather than run without isolation
     */
    synchronized void ensure(String name, String setting) {
        if (DockerProperties.BUILT_IN_NETWORKS.contains(DockerProperties.effective(name))
                || name.startsWith("container:")) {
            return;
        }
        try {
            checkIsolates(docker.inspectNetworkCmd().withNetworkId(name).exec(), name, setting);
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
            // another process made it between the inspect and the create: check what it made
            checkIsolates(docker.inspectNetworkCmd().withNetworkId(name).exec(), name, setting);
        }
    }

    private static void checkIsolates(Network network, String name, String setting) {
        Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
        String problem = !"bridge".equals(network.getDriver())
                ? "uses the driver '" + network.getDriver() + "', not bridge"
                : !"false".equals(options.get(ICC_OPTION))
                ? "lets its containers reach each other (" + ICC_OPTION + " is not false)"
                : null;
        if (problem != null) {
            throw new IllegalStateException("Docker network '" + name + "' exists but " + problem + ", so it would"
                    + " not isolate containers from each other; remove it (docker network rm " + name + ") and the"
                    + " build farm creates it as a bridge without inter-container traffic, or set " + setting
                    + " to another name");
        }
    }
}
