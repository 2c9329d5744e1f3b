package dev.skyport.buildfarm.testing.kubernetes;

import dev.skyport.api.route.RedisKeys;
import dev.skyport.api.route.RouteCodec;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.kubernetes.KubernetesNames;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.registry.credentials.CredentialsDirectory;
import dev.skyport.testing.DevServices;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A build farm with the Kubernetes driver against the mock API server (both namespaces made), with
 * {@link ClusterControllers} playing the Job and Deployment controllers, and what tests read back: the
 * objects of a microservice in the mock API and its route in Redis.
 */
public final class KubernetesFarm implements AutoCloseable {

    public static final String BUILDS = "skyport-builds";
    public static final String APPS = "skyport-apps";

    private final MockKubernetes kubernetes;
    private final ClusterControllers controllers;
    private final TestBuildFarm farm;

    private KubernetesFarm(MockKubernetes kubernetes, ClusterControllers controllers, TestBuildFarm farm) {
        this.kubernetes = kubernetes;
        this.controllers = controllers;
        this.farm = farm;
    }

    public static KubernetesFarm start() {
        return start(Map.of());
    }

    /** With these build farm properties on top of the Kubernetes test defaults. */
    public static KubernetesFarm start(Map<String, Object> overrides) {
        MockKubernetes kubernetes = MockKubernetes.start();
        ClusterControllers controllers = null;
        try {
            for (String namespace : new String[] {BUILDS, APPS}) {
                kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .endMetadata().build()).create();
            }
            DevServices services = DevServices.get();
            controllers = new ClusterControllers(kubernetes, BUILDS, APPS, services.registry(),
                    CredentialsDirectory.load(services.registryCredentials()));
            return new KubernetesFarm(kubernetes, controllers, TestBuildFarm.startKubernetes(kubernetes.url(), overrides));
        } catch (RuntimeException e) {
            if (controllers != null) {
                controllers.close();
            }
            kubernetes.close();
            throw e;
        }
    }

    public TestBuildFarm farm() {
        return farm;
    }

    public BuildFarmClient api() {
        return farm.client();
    }

    public ClusterControllers controllers() {
        return controllers;
    }

    public KubernetesClient client() {
        return kubernetes.client();
    }

    public ServerSideApplyDispatcher dispatcher() {
        return kubernetes.dispatcher();
    }

    public static String instanceName(String app, String microservice) {
        return KubernetesNames.instance(new MicroserviceKey(app, microservice));
    }

    /** The microservice's Deployment in the mock API, or null. */
    public Deployment deployment(String app, String microservice) {
        return client().apps().deployments().inNamespace(APPS).withName(instanceName(app, microservice)).get();
    }

    public Service service(String app, String microservice) {
        return client().services().inNamespace(APPS).withName(instanceName(app, microservice)).get();
    }

    /** The microservice's build Jobs in the mock API. */
    public List<Job> jobs(String app, String microservice) {
        return client().batch().v1().jobs().inNamespace(BUILDS).withLabel("skyport.dev/app", app)
                .withLabel("skyport.dev/microservice", microservice).list().getItems();
    }

    /** The build Job of one deployment, or null. */
    public Job job(String app, String microservice, String deploymentId) {
        return client().batch().v1().jobs().inNamespace(BUILDS)
                .withName(KubernetesNames.job(new MicroserviceKey(app, microservice), deploymentId)).get();
    }

    /** The image of the Deployment's container, or null. */
    public String deployedImage(String app, String microservice) {
        Deployment deployment = deployment(app, microservice);
        return deployment == null ? null
                : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** The route the build farm published in Redis under {@code prefix}, or null. */
    public RouteRecord route(String app, String prefix) {
        String json = farm.bean(StringRedisTemplate.class).<String, String>opsForHash().get(RedisKeys.routes(app), prefix);
        return json == null ? null : new RouteCodec().decode(json);
    }

    /** {@code http://<service>.skyport-apps.svc.cluster.local:<port>}. */
    public static String serviceTarget(String app, String microservice, int port) {
        return "http://" + instanceName(app, microservice) + "." + APPS + ".svc.cluster.local:" + port;
    }

    @Override
    public void close() {
        try {
            farm.close();
        } finally {
            controllers.close();
            kubernetes.close();
        }
    }
}
