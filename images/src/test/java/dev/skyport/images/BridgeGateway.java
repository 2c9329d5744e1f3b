package dev.skyport.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;

/**
 * The host's address on the Engine's default bridge, where containers reach services the test starts.
 * The Engine reports it as the network's gateway, except when it found the bridge interface already
 * configured at start-up: then the gateway is missing, and the interface itself has the address.
 */
final class BridgeGateway {

    private BridgeGateway() {
    }

    static String of(DockerClient docker) throws SocketException {
        Network bridge = docker.inspectNetworkCmd().withNetworkId("bridge").exec();
        for (Network.Ipam.Config config : bridge.getIpam().getConfig()) {
            if (config.getGateway() != null && !config.getGateway().isBlank()) {
                return config.getGateway();
            }
        }
        Map<String, String> options = bridge.getOptions() == null ? Map.of() : bridge.getOptions();
        String name = options.getOrDefault("com.docker.network.bridge.name", "docker0");
        NetworkInterface device = NetworkInterface.getByName(name);
        if (device != null) {
            for (InetAddress address : Collections.list(device.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return address.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("the Engine's bridge network reports no gateway and interface " + name
                + " has no IPv4 address; restart the Engine (scripts/dev-services down, then up)");
    }
}
