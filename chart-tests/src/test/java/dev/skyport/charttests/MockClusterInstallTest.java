package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default install's manifests, applied to fabric8's mock API server in CRUD mode in Helm's install order
 * (namespaces, ..., ServiceAccounts, Secrets, ConfigMaps, PVCs, RBAC, Services, workloads): every object is
 * accepted and reads back as sent, and everything a workload refers to (ConfigMaps, Secrets, claims, its
 * ServiceAccount, the Services that select it) is among them.
 */
class MockClusterInstallTest {

    /** Helm's InstallOrder (pkg/releaseutil/kind_sorter.go); other kinds go last. */
    static final List<String> INSTALL_ORDER = List.of("PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota",
            "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
            "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
            "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
            "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
            "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
            "APIService");

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    static List<HasMetadata> inInstallOrder(List<HasMetadata> objects) {
        List<HasMetadata> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingInt(o -> {
            int index = INSTALL_ORDER.indexOf(o.getKind());
            return index < 0 ? INSTALL_ORDER.size() : index;
        }));
        return sorted;
    }

    @Test
    void everyObjectOfTheDefaultInstallIsAcceptedInInstallOrder() {
        List<HasMetadata> objects = inInstallOrder(SkyportChart.render(Variant.DEFAULTS).installed());
        assertThat(objects.get(0).getKind()).isEqualTo("Namespace");
        List<String> applied = new ArrayList<>();
        for (HasMetadata object : objects) {
            HasMetadata created = client.resource(object).create();
            assertThat(created).as("%s accepted", Rendered.describe(object)).isNotNull();
            assertThat(created.getMetadata().getUid()).as("%s has a uid", Rendered.describe(object)).isNotBlank();
            HasMetadata read = client.resource(object).get();
            assertThat(read).as("%s reads back", Rendered.describe(object)).isNotNull();
            assertThat(read.getMetadata().getLabels()).isEqualTo(object.getMetadata().getLabels());
            applied.add(object.getKind());
        }
        assertThat(applied).containsSubsequence("Namespace", "ServiceAccount", "Secret", "ConfigMap",
                "PersistentVolumeClaim", "Role", "RoleBinding", "Service", "Deployment", "StatefulSet");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("skyport-builds", "skyport-apps");
        assertThat(client.apps().deployments().inNamespace("skyport").list().getItems()).hasSize(4);
        assertThat(client.secrets().inNamespace("skyport-builds").withName("skyport-registry-auth").get()).isNotNull();
    }

    @Test
    void everythingTheWorkloadsReferToIsInstalled() {
        for (HasMetadata object : inInstallOrder(SkyportChart.render(Variant.DEFAULTS).installed())) {
            client.resource(object).create();
        }
        List<HasMetadata> workloads = new ArrayList<>();
        workloads.addAll(client.apps().deployments().inNamespace("skyport").list().getItems());
        workloads.addAll(client.apps().statefulSets().inNamespace("skyport").list().getItems());
        assertThat(workloads).hasSize(5);
        for (HasMetadata workload : workloads) {
            String name = Rendered.describe(workload);
            PodSpec pod = workload instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : ((StatefulSet) workload).getSpec().getTemplate().getSpec();
            Map<String, String> labels = workload instanceof Deployment d ? d.getSpec().getTemplate().getMetadata().getLabels()
                    : ((StatefulSet) workload).getSpec().getTemplate().getMetadata().getLabels();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertThat(client.resources(ConfigMap.class).inNamespace("skyport")
                            .withName(volume.getConfigMap().getName()).get()).as("%s ConfigMap", name).isNotNull();
                }
                if (volume.getSecret() != null) {
                    Secret secret = client.secrets().inNamespace("skyport").withName(volume.getSecret().getSecretName()).get();
                    assertThat(secret).as("%s Secret %s", name, volume.getSecret().getSecretName()).isNotNull();
                    volume.getSecret().getItems().forEach(item -> assertThat(secret.getData())
                            .as("%s Secret key", name).containsKey(item.getKey()));
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(client.resources(PersistentVolumeClaim.class).inNamespace("skyport")
                            .withName(volume.getPersistentVolumeClaim().getClaimName()).get()).as("%s claim", name)
                            .isNotNull();
                }
            }
            pod.getContainers().forEach(container -> Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                    .map(EnvVar::getValueFrom).filter(from -> from != null && from.getSecretKeyRef() != null)
                    .forEach(from -> assertThat(client.secrets().inNamespace("skyport")
                            .withName(from.getSecretKeyRef().getName()).get().getData())
                            .as("%s env from Secret", name).containsKey(from.getSecretKeyRef().getKey())));
            if (pod.getServiceAccountName() != null) {
                assertThat(client.resources(ServiceAccount.class).inNamespace("skyport")
                        .withName(pod.getServiceAccountName()).get()).as("%s ServiceAccount", name).isNotNull();
            }
            List<Service> selecting = client.services().inNamespace("skyport").list().getItems().stream()
                    .filter(s -> s.getSpec().getSelector() != null
                            && labels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                    .toList();
            assertThat(selecting).as("%s is selected by a Service", name).isNotEmpty();
            for (Service service : selecting) {
                service.getSpec().getPorts().forEach(port -> assertThat(pod.getContainers().get(0).getPorts())
                        .as("Service %s port %s targets a named container port of %s", service.getMetadata().getName(),
                                port.getName(), name)
                        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal())));
            }
        }
    }
}
