package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NOTES.txt tells how to log skycli in; the helm test hook calls the gateway's health and the build farm's API through it. */
class NotesAndHelmTestTest {

    private static String notes(Map<String, Object> sets) {
        var install = new Helm(SkyportChart.directory()).install().withName(SkyportChart.RELEASE)
                .withNamespace(SkyportChart.NAMESPACE).dryRun().withDryRunOption(DryRun.CLIENT).clientOnly();
        for (var set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        return install.call().getOutput();
    }

    @Test
    void notesTellHowToLogSkycliInWithTheAdminTokenFromItsSecret() {
        String notes = notes(Map.of());
        assertThat(notes)
                .contains("kubectl -n skyport port-forward service/skyport-gateway 8080:80")
                .contains("export SKYPORT_ENDPOINT=http://127.0.0.1:8080")
                .contains("kubectl -n skyport get secret skyport-build-farm-auth")
                .contains("-o jsonpath='{.data.admin-token}' | base64 -d | skycli login --endpoint \"$SKYPORT_ENDPOINT\" --token -")
                .contains("helm test skyport -n skyport")
                .contains("WARNING: images.registry is not set")
                .contains("set networkPolicy.nodeCIDRs");
    }

    @Test
    void withAnIngressTheEndpointIsItsHost() {
        String notes = notes(Map.of("gateway.ingress.enabled", true, "gateway.ingress.hosts[0]", "skyport.example.com",
                "images.registry", "registry.example.com"));
        assertThat(notes).contains("export SKYPORT_ENDPOINT=http://skyport.example.com")
                .doesNotContain("port-forward")
                .doesNotContain("images.registry is not set");
    }

    @Test
    void theHelmTestCallsTheGatewaysHealthAndTheBuildFarmsApiThroughTheGateway() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS);
        Pod test = rendered.get(Pod.class, "skyport-test");
        // helm.sh/hook: test in the chart (see SkyportChart).
        assertThat(test.getMetadata().getAnnotations()).containsEntry(SkyportChart.HOOK, "test");
        assertThat(rendered.installed()).doesNotContain(test);
        String script = String.join(" ", test.getSpec().getContainers().get(0).getCommand());
        assertThat(script)
                .contains("http://skyport-gateway-management.skyport.svc.cluster.local:8081/actuator/health/readiness")
                .contains("http://skyport-gateway.skyport.svc.cluster.local:80/_controller/v1/tokens")
                .contains("--header \"Authorization: Bearer $(cat /etc/skyport/auth/admin-token)\"");
        assertThat(test.getSpec().getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("skyport-build-farm-auth");
            assertThat(v.getSecret().getItems()).extracting("key").containsExactly("admin-token");
        });
        // The services it calls exist and listen where it calls them.
        assertThat(rendered.get(Service.class, "skyport-gateway-management").getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(8081));
        assertThat(rendered.get(Service.class, "skyport-gateway").getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(80));
    }
}
