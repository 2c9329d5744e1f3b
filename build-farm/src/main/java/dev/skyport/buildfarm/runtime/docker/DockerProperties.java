package dev.skyport.buildfarm.runtime.docker;

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
 * @param network        network the containers join; empty for the default bridge
 */
@ConfigurationProperties("skyport.build-farm.docker")
public record DockerProperties(
        @DefaultValue("unix:///var/run/docker.sock") String host,
        @DefaultValue("1.41") String apiVersion,
        @DefaultValue("127.0.0.1") String publishAddress,
        @DefaultValue("127.0.0.1") String targetHost,
        @DefaultValue("unless-stopped") String restartPolicy,
        String network) {
}
