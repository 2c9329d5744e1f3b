package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import dev.skyport.buildfarm.runtime.ConditionalOnDriver;
import dev.skyport.buildfarm.runtime.RuntimeDrivers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The docker-java client, over the daemon's socket, with {@link CredentialFreeDockerConfig}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDriver(RuntimeDrivers.DOCKER)
public class DockerClientConfiguration {

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(DockerProperties properties) {
        return newClient(properties);
    }

    @Bean(destroyMethod = "close")
    DockerEngine dockerEngine(DockerClient dockerClient, DockerProperties properties,
                              dev.skyport.buildfarm.runtime.RunProperties run,
                              dev.skyport.buildfarm.runtime.ResourceLimits limits,
                              dev.skyport.buildfarm.registry.RegistryAccess registry) {
        return new DockerEngine(dockerClient, properties, run, limits, registry);
    }

    @Bean(destroyMethod = "close")
    ContainerLogs containerLogs(DockerProperties properties) {
        return new ContainerLogs(newClient(properties));
    }

    /** A client for this configuration; callers close it. */
    public static DockerClient newClient(DockerProperties properties) {
        URI host = URI.create(properties.host());
        CredentialFreeDockerConfig config = new CredentialFreeDockerConfig(host, properties.apiVersion());
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
