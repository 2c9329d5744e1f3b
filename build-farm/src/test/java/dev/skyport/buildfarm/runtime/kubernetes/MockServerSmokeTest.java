package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.testing.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class MockServerSmokeTest {

    @Test
    void crudModeWithServerSideApply() {
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            KubernetesClient client = kubernetes.client();
            client.configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata().withName("a")
                    .endMetadata().addToData("k", "v").build()).fieldManager("skyport").forceConflicts().serverSideApply();
            assertThat(client.configMaps().inNamespace("ns").withName("a").get().getData()).containsEntry("k", "v");
            client.configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata().withName("a")
                    .endMetadata().addToData("k", "w").build()).fieldManager("skyport").forceConflicts().serverSideApply();
            assertThat(client.configMaps().inNamespace("ns").withName("a").get().getData()).containsEntry("k", "w");
            assertThat(kubernetes.dispatcher().applies()).hasSize(2).allMatch(a -> "skyport".equals(a.fieldManager()));
        }
    }
}
