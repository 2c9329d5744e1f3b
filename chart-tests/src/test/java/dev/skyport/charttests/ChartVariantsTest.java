package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import dev.skyport.charttests.support.ComponentSettings;
import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import dev.skyport.buildfarm.runtime.kubernetes.KubernetesProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.env.PropertySource;
import org.yaml.snakeyaml.Yaml;

/** {@code helm lint} and {@code helm template} pass for the defaults and every variant, and each variant renders what it is for. */
class ChartVariantsTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void lintPassesStrictly(Variant variant) {
        LintResult result = SkyportChart.lint(variant);
        assertThat(result.isFailed()).as("lint of %s: %s", variant, result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("lint of %s", variant)
                .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void templateRendersNamedObjectsInTheirNamespaces(Variant variant) {
        Rendered rendered = SkyportChart.render(variant);
        assertThat(rendered.objects()).hasSizeGreaterThan(30);
        for (HasMetadata object : rendered.objects()) {
            assertThat(object.getMetadata().getName()).as(Rendered.describe(object)).isNotBlank();
            assertThat(object).as("%s is a typed object (a known kind)", Rendered.describe(object))
                    .isNotInstanceOf(GenericKubernetesResource.class);
            if (!(object instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as("%s names its namespace", Rendered.describe(object))
                        .isIn(SkyportChart.NAMESPACE, "skyport-builds", "skyport-apps");
            }
            assertThat(object.getMetadata().getLabels()).as(Rendered.describe(object))
                    .containsEntry("app.kubernetes.io/instance", SkyportChart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void defaultsRenderTheWholePlatform() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS);

        Deployment gateway = rendered.get(Deployment.class, "skyport-gateway");
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(2);
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.invalid/skyport/gateway:0.1.0");
        assertThat(rendered.get(Service.class, "skyport-gateway").getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(rendered.get(PodDisruptionBudget.class, "skyport-gateway").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(1);
        assertThat(rendered.find(HorizontalPodAutoscaler.class, "skyport-gateway")).isEmpty();
        assertThat(rendered.all(Ingress.class)).isEmpty();

        Deployment buildFarm = rendered.get(Deployment.class, "skyport-build-farm");
        assertThat(buildFarm.getSpec().getReplicas()).isEqualTo(1);
        assertThat(buildFarm.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(buildFarm.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("skyport-build-farm");
        assertThat(buildFarm.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.invalid/skyport/build-farm:0.1.0");
        assertThat(rendered.get(PersistentVolumeClaim.class, "skyport-build-farm-artifacts")).isNotNull();

        assertThat(rendered.get(Deployment.class, "skyport-template-catalog").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("registry.invalid/skyport/template-catalog:0.1.0");

        Service registry = rendered.get(Service.class, "skyport-registry");
        assertThat(registry.getSpec().getType()).isEqualTo("NodePort");
        assertThat(registry.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30500);
        assertThat(rendered.get(Deployment.class, "skyport-registry").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("registry:2");
        assertThat(registryConfig(rendered)).containsKey("storage");
        assertThat(storage(rendered)).containsKeys("filesystem", "delete");
        assertThat(rendered.get(PersistentVolumeClaim.class, "skyport-registry")).isNotNull();

        StatefulSet redis = rendered.get(StatefulSet.class, "skyport-redis");
        assertThat(redis.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(rendered.get(ConfigMap.class, "skyport-redis").getData().get("redis.conf")).contains("appendonly yes");

        assertThat(rendered.all(NetworkPolicy.class)).hasSize(7);
    }

    @Test
    void s3StorageTakesItsKeysFromTheGivenSecretAndNeedsNoVolume() {
        Rendered rendered = SkyportChart.render(Variant.S3_STORAGE);
        assertThat(storage(rendered).get("s3")).isEqualTo(Map.of("region", "eu-west-1", "bucket", "skyport-images",
                "rootdirectory", "/registry", "encrypt", false, "secure", true));
        assertThat(storage(rendered)).doesNotContainKey("filesystem");
        assertThat(registryEnv(rendered)).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("REGISTRY_STORAGE_S3_SECRETKEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("skyport-s3");
        });
        assertThat(rendered.find(PersistentVolumeClaim.class, "skyport-registry")).isEmpty();
        assertThat(rendered.get(Deployment.class, "skyport-registry").getSpec().getStrategy().getType())
                .isEqualTo("RollingUpdate");
    }

    @Test
    void gcsStorageMountsTheKeyFile() {
        Rendered rendered = SkyportChart.render(Variant.GCS_STORAGE);
        assertThat(storage(rendered).get("gcs"))
                .isEqualTo(Map.of("bucket", "skyport-images", "keyfile", "/etc/registry/gcs/key.json"));
        assertThat(storage(rendered).get("redirect")).isEqualTo(Map.of("disable", true));
        Deployment registry = rendered.get(Deployment.class, "skyport-registry");
        assertThat(registry.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName())
                        .isEqualTo("skyport-gcs"));
        assertThat(registry.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/registry/gcs"));
    }

    @Test
    void azureStorageTakesTheAccountKeyFromTheGivenSecret() {
        Rendered rendered = SkyportChart.render(Variant.AZURE_STORAGE);
        assertThat(storage(rendered).get("azure")).isEqualTo(Map.of("accountname", "skyportimages",
                "container", "registry", "realm", "core.windows.net"));
        assertThat(registryEnv(rendered)).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("REGISTRY_STORAGE_AZURE_ACCOUNTKEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("skyport-azure");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("accountKey");
        });
    }

    @Test
    void externalRedisReplacesTheStatefulSetAndItsPasswordComesFromTheGivenSecret() {
        Rendered rendered = SkyportChart.render(Variant.EXTERNAL_REDIS);
        assertThat(rendered.all(StatefulSet.class)).isEmpty();
        assertThat(rendered.find(Service.class, "skyport-redis")).isEmpty();
        for (String component : List.of("gateway", "build-farm")) {
            PropertySource<?> config = ComponentSettings.yaml(component,
                    rendered.get(ConfigMap.class, "skyport-" + component).getData().get("application.yml")).get(0);
            assertThat(config.getProperty("spring.data.redis.url"))
                    .isEqualTo("rediss://skyport:${REDIS_PASSWORD}@redis.example.com:6380/2");
            Container container = rendered.get(Deployment.class, "skyport-" + component).getSpec().getTemplate()
                    .getSpec().getContainers().get(0);
            assertThat(container.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("REDIS_PASSWORD");
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("skyport-redis");
                assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-password");
            });
        }
    }

    @Test
    void ingressRoutesEveryHostToTheGatewayWithTlsAndTheAutoscalerOwnsTheReplicas() {
        Rendered rendered = SkyportChart.render(Variant.INGRESS);
        Ingress ingress = rendered.get(Ingress.class, "skyport-gateway");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).extracting("host")
                .containsExactly("skyport.example.com", "*.apps.example.com");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("skyport-gateway");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("skyport-tls");
        assertThat(rendered.get(HorizontalPodAutoscaler.class, "skyport-gateway").getSpec().getMaxReplicas())
                .isEqualTo(6);
        assertThat(rendered.get(Deployment.class, "skyport-gateway").getSpec().getReplicas()).isNull();
        PropertySource<?> buildFarm = ComponentSettings.yaml("build-farm",
                rendered.get(ConfigMap.class, "skyport-build-farm").getData().get("application.yml")).get(0);
        assertThat(buildFarm.getProperty("skyport.build-farm.routes.public-url")).isEqualTo("https://skyport.example.com");
    }

    @Test
    void httpRouteAttachesTheGatewayServiceToTheGivenParents() {
        Rendered rendered = SkyportChart.render(Variant.HTTP_ROUTE);
        HasMetadata route = rendered.objects().stream().filter(o -> "HTTPRoute".equals(o.getKind())).findFirst()
                .orElseThrow();
        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        Map<String, Object> spec = new Yaml().load(io.fabric8.kubernetes.client.utils.Serialization.asYaml(route));
        assertThat(spec.toString()).contains("name=public", "namespace=gateway-system", "hostnames=[skyport.example.com]",
                "backendRefs=[{name=skyport-gateway, port=80}]");
    }

    @Test
    void meshAnnotationsReachTheBuildFarmsPodAnnotationsAndTheGateway() {
        Rendered rendered = SkyportChart.render(Variant.MESH);
        KubernetesProperties kubernetes = new ComponentSettings("build-farm", ComponentSettings.yaml("build-farm",
                rendered.get(ConfigMap.class, "skyport-build-farm").getData().get("application.yml")))
                .bind(KubernetesProperties.class);
        // Keys with "/" survive Spring Boot's binding (the chart brackets them).
        assertThat(kubernetes.podAnnotations()).isEqualTo(Map.of("linkerd.io/inject", "enabled"));
        assertThat(kubernetes.buildNodeSelector())
                .isEqualTo(Map.of("kubernetes.io/os", "linux", "skyport.dev/builds", "true"));
        assertThat(kubernetes.instanceNodeSelector()).isEqualTo(Map.of("kubernetes.io/arch", "amd64"));
        assertThat(kubernetes.buildTolerations()).containsExactly(
                new KubernetesProperties.Toleration("skyport.dev/builds", "Exists", null, "NoSchedule"));
        assertThat(rendered.get(Deployment.class, "skyport-gateway").getSpec().getTemplate().getMetadata()
                .getAnnotations()).containsEntry("linkerd.io/inject", "enabled");
    }

    @Test
    void networkPoliciesCanBeSwitchedOff() {
        assertThat(SkyportChart.render(Variant.NETWORK_POLICIES_OFF).all(NetworkPolicy.class)).isEmpty();
    }

    @Test
    void anExternalRegistryIsPushedToAndPulledFromByItsHostWithTls() {
        Rendered rendered = SkyportChart.render(Variant.EXTERNAL_REGISTRY);
        PropertySource<?> buildFarm = ComponentSettings.yaml("build-farm",
                rendered.get(ConfigMap.class, "skyport-build-farm").getData().get("application.yml")).get(0);
        assertThat(buildFarm.getProperty("skyport.build-farm.registry.address")).isEqualTo("registry.example.com");
        assertThat(buildFarm.getProperty("skyport.build-farm.registry.secure")).isEqualTo(true);
        assertThat(buildFarm.getProperty("skyport.build-farm.kubernetes.pull-host")).isEqualTo("registry.example.com");
        assertThat(rendered.get(Service.class, "skyport-registry").getSpec().getType()).isEqualTo("ClusterIP");
        Ingress ingress = rendered.get(Ingress.class, "skyport-registry");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("registry-tls");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("registry.example.com");
    }

    @Test
    void extraTemplatesAreMountedWhereTheCatalogReadsItsDirectory() {
        Rendered rendered = SkyportChart.render(Variant.EXTRA_TEMPLATES);
        Deployment catalog = rendered.get(Deployment.class, "skyport-template-catalog");
        var templates = catalog.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("templates")).findFirst().orElseThrow().getConfigMap();
        ConfigMap map = rendered.get(ConfigMap.class, templates.getName());
        assertThat(templates.getItems()).extracting("path")
                .containsExactlyInAnyOrder("nodejs/24/Dockerfile", "nodejs/24/.dockerignore");
        templates.getItems().forEach(item -> assertThat(map.getData()).containsKey(item.getKey()));
        assertThat(catalog.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/skyport/templates"));
        PropertySource<?> config = ComponentSettings.yaml("catalog",
                rendered.get(ConfigMap.class, "skyport-template-catalog").getData().get("application.yml")).get(0);
        assertThat(config.getProperty("skyport.catalog.templates-dir")).isEqualTo("/etc/skyport/templates");
    }

    private static Map<String, Object> registryConfig(Rendered rendered) {
        return new Yaml().load(rendered.get(ConfigMap.class, "skyport-registry").getData().get("config.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storage(Rendered rendered) {
        return (Map<String, Object>) registryConfig(rendered).get("storage");
    }

    private static List<EnvVar> registryEnv(Rendered rendered) {
        return rendered.get(Deployment.class, "skyport-registry").getSpec().getTemplate().getSpec().getContainers()
                .get(0).getEnv();
    }
}
