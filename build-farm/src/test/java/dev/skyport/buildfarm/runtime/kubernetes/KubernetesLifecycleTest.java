package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers;
import dev.skyport.buildfarm.testing.kubernetes.MockKubernetes;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The build farm with the Kubernetes driver against the mock API server, whose missing controllers
 * {@link ClusterControllers} plays: a deploy builds in a Job, rolls out a Deployment behind a Service,
 * and routes to the Service's DNS name.
 */
class KubernetesLifecycleTest {

    private static MockKubernetes kubernetes;
    private static ClusterControllers controllers;
    private static TestBuildFarm farm;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        kubernetes = MockKubernetes.start();
        for (String namespace : new String[] {"skyport-builds", "skyport-apps"}) {
            kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        DevServices services = DevServices.get();
        controllers = new ClusterControllers(kubernetes, "skyport-builds", "skyport-apps", services.registry(),
                CredentialsDirectory.load(services.registryCredentials()));
        farm = TestBuildFarm.startKubernetes(kubernetes.url(), Map.of());
        api = farm.client();
    }

    @AfterAll
    static void stop() {
        if (farm != null) {
            farm.close();
        }
        controllers.close();
        kubernetes.close();
    }

    @Test
    void aDeployBuildsInAJobRunsADeploymentAndRoutesToItsService() {
        String app = "k" + UUID.randomUUID().toString().substring(0, 6);
        String id = api.deploy(app, "web", TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n").bytes(),
                item("/web", 8080));
        api.awaitDeployment(app, id, Duration.ofSeconds(30), "running");

        String name = app + "-web";
        Deployment deployment = kubernetes.client().apps().deployments().inNamespace("skyport-apps").withName(name).get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .contains("@sha256:");
        assertThat(kubernetes.client().services().inNamespace("skyport-apps").withName(name).get()).isNotNull();
        String route = farm.bean(StringRedisTemplate.class).<String, String>opsForHash()
                .get(RedisKeys.routes(app), "/web");
        assertThat(new RouteCodec().decode(route).target().toString())
                .isEqualTo("http://" + name + ".skyport-apps.svc.cluster.local:8080");
        assertThat(api.logLines(app, id)).anyMatch(l -> l.startsWith("Step 2/2"));
        assertThat(kubernetes.dispatcher().applies()).allMatch(a -> "skyport".equals(a.fieldManager()) && a.force());
    }
}
