package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.charttests.support.ComponentSettings;
import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every {@code skyport.*} setting the chart gives a component (its mounted application.yml, env and args)
 * exists in that component's {@code @ConfigurationProperties} records, and binds: Spring Boot's binder with a
 * {@code NoUnboundElementsBindHandler} fails on a key no record has and on a value a record refuses.
 */
class ComponentSettingsTest {

    private static final Map<String, String> PACKAGES = Map.of(
            "gateway", "dev.skyport.gateway",
            "build-farm", "dev.skyport.buildfarm",
            "template-catalog", "dev.skyport.catalog");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everySkyportSettingTheChartPassesBindsToTheComponentsRecords(Variant variant) {
        Rendered rendered = SkyportChart.render(variant);
        for (Map.Entry<String, String> component : PACKAGES.entrySet()) {
            Deployment deployment = rendered.get(Deployment.class, "skyport-" + component.getKey());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().stream()
                    .filter(c -> c.getName().equals(component.getKey())).findFirst().orElseThrow();
            ComponentSettings settings = ComponentSettings.of(rendered, component.getKey(), pod, container);
            assertThat(settings.skyportNames()).as("%s gets skyport settings", component.getKey()).isNotEmpty();
            settings.bindAll(ComponentSettings.propertiesClasses(component.getValue()));
        }
    }

    @Test
    void theBuildFarmGetsTheKubernetesDriverItsAddressesAndItsFiles() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS);
        Deployment deployment = rendered.get(Deployment.class, "skyport-build-farm");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        var yaml = ComponentSettings.yaml("build-farm", rendered.get(io.fabric8.kubernetes.api.model.ConfigMap.class,
                "skyport-build-farm").getData().get("application.yml")).get(0);
        assertThat(yaml.getProperty("skyport.build-farm.runtime.driver")).isEqualTo("kubernetes");
        assertThat(yaml.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(yaml.getProperty("management.server.address")).isEqualTo("0.0.0.0");
        assertThat(yaml.getProperty("skyport.build-farm.build-context.public-url"))
                .isEqualTo("http://skyport-build-farm.skyport.svc.cluster.local:8090");
        assertThat(yaml.getProperty("skyport.build-farm.registry.address"))
                .isEqualTo("skyport-registry.skyport.svc.cluster.local:5000");
        assertThat(yaml.getProperty("skyport.build-farm.kubernetes.pull-host")).isEqualTo("localhost:30500");
        assertThat(yaml.getProperty("skyport.build-farm.registry.credentials-directory")).isEqualTo("/etc/skyport/registry");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/skyport/registry"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("registry-credentials");
            assertThat(v.getSecret().getSecretName()).isEqualTo("skyport-registry-auth");
            assertThat(v.getSecret().getItems()).extracting("key").containsExactly("username", "password");
        });
    }

    @Test
    void theCheckFailsOnAKeyNoRecordHas() {
        ComponentSettings typo = new ComponentSettings("build-farm", ComponentSettings.yaml("test", """
                skyport:
                  build-farm:
                    kubernetes:
                      pull-hots: localhost:30500
                """));
        assertThatThrownBy(() -> typo.bindAll(ComponentSettings.propertiesClasses("dev.skyport.buildfarm")))
                .hasMessageContaining("skyport.build-farm.kubernetes.pull-hots");

        ComponentSettings unknownPrefix = new ComponentSettings("gateway", ComponentSettings.yaml("test", """
                skyport.gatway.default-app: shop
                """));
        assertThatThrownBy(() -> unknownPrefix.bindAll(ComponentSettings.propertiesClasses("dev.skyport.gateway")))
                .hasMessageContaining("skyport.gatway.default-app");

        ComponentSettings environment = new ComponentSettings("build-farm", List.of(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SKYPORT_BUILD_FARM_KUBERNETES_PULL_HOTS", "localhost:30500"))));
        assertThatThrownBy(() -> environment.bindAll(ComponentSettings.propertiesClasses("dev.skyport.buildfarm")))
                .hasMessageContaining("pull.hots");
        new ComponentSettings("build-farm", List.of(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SKYPORT_BUILD_FARM_KUBERNETES_PULLHOST", "localhost:30500"))))
                .bindAll(ComponentSettings.propertiesClasses("dev.skyport.buildfarm"));
    }

    @Test
    void mapKeysWithASlashNeedTheBracketsTheChartWrites() {
        var plain = new ComponentSettings("build-farm", ComponentSettings.yaml("test", """
                skyport.build-farm.kubernetes.pod-annotations:
                  linkerd.io/inject: enabled
                """)).bind(dev.skyport.buildfarm.runtime.kubernetes.KubernetesProperties.class);
        assertThat(plain.podAnnotations()).doesNotContainKey("linkerd.io/inject");
        var bracketed = new ComponentSettings("build-farm", ComponentSettings.yaml("test", """
                skyport.build-farm.kubernetes.pod-annotations:
                  "[linkerd.io/inject]": enabled
                """)).bind(dev.skyport.buildfarm.runtime.kubernetes.KubernetesProperties.class);
        assertThat(bracketed.podAnnotations()).isEqualTo(Map.of("linkerd.io/inject", "enabled"));
    }

    @Test
    void theCheckFailsOnAValueTheRecordRefuses() {
        ComponentSettings badDuration = new ComponentSettings("build-farm", List.of(new MapPropertySource("test",
                Map.of("skyport.build-farm.builds.timeout", "thirty minutes"))));
        assertThatThrownBy(() -> badDuration.bindAll(ComponentSettings.propertiesClasses("dev.skyport.buildfarm")))
                .hasMessageContaining("skyport.build-farm.builds");

        ComponentSettings nestedRecordKeys = new ComponentSettings("gateway", ComponentSettings.yaml("test", """
                skyport:
                  gateway:
                    default-app: shop
                    path-policy:
                      relaxed-apps: [legacy]
                    platform:
                      controller-uri: http://build-farm:8090
                """));
        nestedRecordKeys.bindAll(ComponentSettings.propertiesClasses("dev.skyport.gateway"));
    }
}
