package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers;
import dev.skyport.buildfarm.testing.kubernetes.MockKubernetes;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/hello} through skycli, the gateway and a build farm running the Kubernetes driver
 * against the mock API server, with {@link ClusterControllers} playing the Job and Deployment
 * controllers: the deploy builds in a Job, runs as a Deployment behind a Service, ends {@code running},
 * and the route points at the Service.
 */
class KubernetesDeployIT {

    private static final String BUILDS = "skyport-builds";
    private static final String APPS = "skyport-apps";

    private static MockKubernetes kubernetes;
    private static ClusterControllers controllers;
    private static Platform platform;

    @BeforeAll
    static void start() {
        kubernetes = MockKubernetes.start();
        for (String namespace : List.of(BUILDS, APPS)) {
            kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        DevServices services = DevServices.get();
        controllers = new ClusterControllers(kubernetes, BUILDS, APPS, services.registry(),
                CredentialsDirectory.load(services.registryCredentials()));
        platform = Platform.startKubernetes(kubernetes.url(), "http://skyport-build-farm.skyport.svc:8090");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        controllers.close();
        kubernetes.close();
    }

    @Test
    void skycliDeploysToADeploymentBehindAServiceAndTheRouteNamesTheService() {
        String app = Projects.appName("kube");
        Path project = Projects.hello(app);

        Skycli.Result deploy = platform.skycli().run(project, "app", "deploy");

        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout()).contains("hello: running at ");
        // Found by the §3.6 labels: an app name with a '-' gets a hashed object name (see KubernetesNames).
        List<Job> jobs = kubernetes.client().batch().v1().jobs().inNamespace(BUILDS)
                .withLabel("skyport.dev/app", app).list().getItems();
        assertThat(jobs).singleElement().satisfies(job -> assertThat(job.getMetadata().getName())
                .startsWith("build-"));
        Deployment deployment = kubernetes.client().apps().deployments().inNamespace(APPS)
                .withLabel("skyport.dev/app", app).withLabel("skyport.dev/microservice", "hello").list().getItems()
                .get(0);
        String name = deployment.getMetadata().getName();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith(DevServices.get().registry() + "/" + app + "/hello@sha256:");
        Service service = kubernetes.client().services().inNamespace(APPS).withName(name).get();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        String route = platform.redis().hget(RedisKeys.routes(app), "/hello");
        assertThat(new RouteCodec().decode(route).target().toString())
                .isEqualTo("http://" + name + "." + APPS + ".svc.cluster.local:" + service.getSpec().getPorts().get(0)
                        .getPort());
        assertThat(platform.http().microservice(app, "hello").get("status").asString()).isEqualTo("running");
    }
}
