package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies say what the design says: build pods reach DNS, the registry, the build farm's context URL
 * and the internet but no other cluster address; app pods accept only the gateway (and the mesh); Redis, the
 * registry, the build farm and the catalog accept only their users. Each peer's selector is checked against the
 * pod labels the chart really renders, so a renamed label cannot silently open or close a path.
 */
class NetworkPolicyTest {

    private final Rendered rendered = SkyportChart.render(Variant.DEFAULTS);

    /** The pod labels of one of the chart's workloads. */
    private Map<String, String> podLabels(String component) {
        return rendered.find(Deployment.class, "skyport-" + component)
                .map(d -> d.getSpec().getTemplate().getMetadata().getLabels())
                .orElseGet(() -> rendered.get(StatefulSet.class, "skyport-" + component).getSpec().getTemplate()
                        .getMetadata().getLabels());
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()
                ? labels.entrySet().containsAll(Map.copyOf(
                        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels()).entrySet())
                : false;
    }

    /** Which of the chart's components (or "build pods") a peer admits. */
    private Set<String> admitted(List<NetworkPolicyPeer> peers) {
        Set<String> who = new java.util.TreeSet<>();
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                who.add("ipBlock " + peer.getIpBlock().getCidr());
                continue;
            }
            String namespace = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            if ("skyport-builds".equals(namespace)) {
                assertThat(peer.getPodSelector().getMatchLabels()).as("every pod of the build namespace").isNullOrEmpty();
                who.add("build pods");
                continue;
            }
            assertThat(namespace).isEqualTo("skyport");
            for (String component : List.of("gateway", "build-farm", "template-catalog", "registry", "redis")) {
                if (selects(peer.getPodSelector(), podLabels(component))) {
                    who.add(component);
                }
            }
            if (selects(peer.getPodSelector(), rendered.get(io.fabric8.kubernetes.api.model.Pod.class, "skyport-test")
                    .getMetadata().getLabels())) {
                who.add("helm test");
            }
        }
        return who;
    }

    private NetworkPolicy policy(String namespace, String name) {
        return rendered.get(NetworkPolicy.class, namespace, name);
    }

    @Test
    void buildPodsReachDnsTheRegistryTheBuildFarmAndTheInternetButNoOtherClusterAddress() {
        NetworkPolicy builds = policy("skyport-builds", "skyport-builds");
        assertThat(builds.getSpec().getPodSelector().getMatchLabels()).as("every pod in the build namespace").isNullOrEmpty();
        assertThat(builds.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(builds.getSpec().getIngress()).as("nothing reaches a build pod").isEmpty();
        List<NetworkPolicyEgressRule> egress = builds.getSpec().getEgress();
        assertThat(egress).hasSize(4);
        assertThat(egress.get(0).getTo().get(0).getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns");
        assertThat(egress.get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsOnly(53);
        assertThat(admitted(egress.get(1).getTo())).containsExactly("registry");
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5000);
        assertThat(admitted(egress.get(2).getTo())).containsExactly("build-farm");
        assertThat(egress.get(2).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8090);
        var internet = egress.get(3).getTo();
        assertThat(internet).extracting(p -> p.getIpBlock().getCidr()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(internet.get(0).getIpBlock().getExcept()).containsExactly("10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
        assertThat(internet.get(1).getIpBlock().getExcept()).containsExactly("fc00::/7", "fe80::/10");
        assertThat(egress.get(3).getPorts()).as("any port on the internet").isNullOrEmpty();
    }

    @Test
    void appPodsAcceptOnlyTheGateway() {
        NetworkPolicy apps = policy("skyport-apps", "skyport-apps");
        assertThat(apps.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(apps.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(apps.getSpec().getIngress()).hasSize(1);
        assertThat(admitted(apps.getSpec().getIngress().get(0).getFrom())).containsExactly("gateway");
    }

    @Test
    void withAMeshAppPodsAlsoAcceptTheMeshsPeers() {
        NetworkPolicy apps = SkyportChart.render(Variant.MESH).get(NetworkPolicy.class, "skyport-apps", "skyport-apps");
        var from = apps.getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(2);
        assertThat(from.get(1).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "linkerd"));
    }

    @Test
    void redisAcceptsOnlyTheGatewayAndTheBuildFarm() {
        NetworkPolicy redis = policy("skyport", "skyport-redis");
        assertThat(selects(redis.getSpec().getPodSelector(), podLabels("redis"))).isTrue();
        assertThat(redis.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(admitted(rule.getFrom())).containsExactly("build-farm", "gateway");
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(6379);
        });
    }

    @Test
    void theRegistryAcceptsOnlyTheBuildFarmBuildPodsAndTheGivenNodes() {
        NetworkPolicy registry = policy("skyport", "skyport-registry");
        assertThat(selects(registry.getSpec().getPodSelector(), podLabels("registry"))).isTrue();
        assertThat(registry.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(admitted(rule.getFrom())).containsExactly("build pods", "build-farm"));

        NetworkPolicy withNodes = SkyportChart.render(Variant.DEFAULTS, Map.of("networkPolicy.nodeCIDRs[0]", "10.0.0.0/24"))
                .get(NetworkPolicy.class, "skyport", "skyport-registry");
        assertThat(admitted(withNodes.getSpec().getIngress().get(0).getFrom()))
                .containsExactly("build pods", "build-farm", "ipBlock 10.0.0.0/24");
    }

    @Test
    void theBuildFarmAndTheCatalogAcceptOnlyTheirCallers() {
        NetworkPolicy buildFarm = policy("skyport", "skyport-build-farm");
        assertThat(selects(buildFarm.getSpec().getPodSelector(), podLabels("build-farm"))).isTrue();
        assertThat(buildFarm.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(admitted(rule.getFrom())).containsExactly("build pods", "gateway");
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8090);
        });
        NetworkPolicy catalog = policy("skyport", "skyport-template-catalog");
        assertThat(catalog.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(admitted(rule.getFrom())).containsExactly("gateway");
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8082);
        });
    }

    @Test
    void theGatewayIsOpenOnItsPublicPortAndItsManagementPortOnlyToTheHelmTest() {
        NetworkPolicy gateway = policy("skyport", "skyport-gateway");
        assertThat(gateway.getSpec().getIngress()).hasSize(2);
        assertThat(gateway.getSpec().getIngress().get(0).getFrom()).as("anyone").isNullOrEmpty();
        assertThat(gateway.getSpec().getIngress().get(0).getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactly(8080);
        assertThat(admitted(gateway.getSpec().getIngress().get(1).getFrom())).containsExactly("helm test");
        assertThat(gateway.getSpec().getIngress().get(1).getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactly(8081);
    }

    @Test
    void everyPolicyOfTheReleaseNamespaceSelectsOneComponent() {
        Set<String> selected = rendered.all(NetworkPolicy.class).stream()
                .filter(p -> Rendered.namespaceOf(p).equals("skyport"))
                .map(p -> List.of("gateway", "build-farm", "template-catalog", "registry", "redis").stream()
                        .filter(c -> selects(p.getSpec().getPodSelector(), podLabels(c)))
                        .collect(Collectors.joining(",")))
                .collect(Collectors.toSet());
        assertThat(selected).containsExactlyInAnyOrder("gateway", "build-farm", "template-catalog", "registry", "redis");
    }
}
