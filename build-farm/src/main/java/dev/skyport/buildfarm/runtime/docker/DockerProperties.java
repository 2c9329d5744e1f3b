package dev.skyport.buildfarm.runtime.docker;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Docker Engine the docker driver uses.
 *
 * @param host           the daemon's address ({@code unix:///var/run/docker.sock}; defaults to {@code DOCKER_HOST})
 * @param apiVersion     the Engine API version to speak; 1.41 is Docker 20.10
 * @param publishAddress host address the containers' ports are published on
 * @param targetHost     host name the gateway uses to reach published ports (the route target)
 * @param restartPolicy  {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure[:N]}
 * @param network        network the app instances join; created (a bridge without inter-container traffic)
 *                       when missing, refused when it exists as anything else; empty for the Engine's
 *                       default bridge
 * @param buildNetwork   network the builds' {@code RUN} steps use; created like {@code network} when missing;
 *                       {@code none} for no network at all; never the instances' network, {@code host}
 *                       nor {@code container:<id>}
 */
@ConfigurationProperties("skyport.build-farm.docker")
public record DockerProperties(
        @DefaultValue("unix:///var/run/docker.sock") String host,
        @DefaultValue("1.41") String apiVersion,
        @DefaultValue("127.0.0.1") String publishAddress,
        @DefaultValue("127.0.0.1") String targetHost,
        @DefaultValue("unless-stopped") String restartPolicy,
        @DefaultValue("skyport-apps") String network,
        @DefaultValue("skyport-build") String buildNetwork) {

    /** Network modes the Engine always has; every other name is a network the driver creates if missing. */
    static final Set<String> BUILT_IN_NETWORKS = Set.of("default", "bridge", "host", "none");

    static final String NETWORK_SETTING = "skyport.build-farm.docker.network";
    static final String BUILD_NETWORK_SETTING = "skyport.build-farm.docker.build-network";

    public DockerProperties {
        network = network == null ? "" : network.strip();
        buildNetwork = buildNetwork == null ? "" : buildNetwork.strip();
        if (effective(buildNetwork).equals(effective(network))) {
            throw new IllegalArgumentException("skyport.build-farm.docker.build-network must differ from"
                    + " skyport.build-farm.docker.network ('" + effective(network) + "'): a build's RUN steps would"
                    + " reach the running app instances");
        }
        if ("host".equals(effective(buildNetwork))) {
            throw new IllegalArgumentException("skyport.build-farm.docker.build-network 'host' would give builds the"
                    + " host's network, platform and instances included; use a bridge network or 'none'");
        }
        if (buildNetwork.startsWith("container:")) {
            throw new IllegalArgumentException("skyport.build-farm.docker.build-network '" + buildNetwork + "' would"
                    + " put builds in another container's network, reaching whatever that container reaches; use a"
                    + " bridge network or 'none'");
        }
    }

    /** The network mode the Engine actually applies: empty and {@code default} are its default bridge. */
    static String effective(String network) {
        return network.isEmpty() || "default".equals(network) ? "bridge" : network;
    }
}
