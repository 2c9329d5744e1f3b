package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.ConditionalOnDriver;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RuntimeDrivers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fabric8 client (in the cluster: the pod's service account; elsewhere: {@code api-server}, or the
 * usual kubeconfig) and the driver, checked before start-up ends. Nothing here loads for another driver.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDriver(RuntimeDrivers.KUBERNETES)
public class KubernetesDriverConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(@Value("${skyport.build-farm.kubernetes.api-server:}") String apiServer) {
        Config config = Config.autoConfigure(null);
        if (!apiServer.isBlank()) {
            config = new ConfigBuilder(config).withMasterUrl(apiServer).build();
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean(destroyMethod = "close")
    KubernetesDriver kubernetesDriver(KubernetesClient client, KubernetesProperties properties,
                                      RegistryAccess registry, RunProperties run) {
        KubernetesPreflight.check(client, properties);
        return new KubernetesDriver(client, properties, registry, run);
    }
}
