package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.runtime.kubernetes.KubernetesPermissions;
import dev.skyport.buildfarm.runtime.kubernetes.KubernetesPermissions.Namespace;
import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The build farm's Roles grant exactly {@link KubernetesPermissions#RULES}, the verbs its Kubernetes driver uses and
 * its start-up check asks for (the constant itself, from build-farm's classes, not a copy), in the namespace each
 * rule is for; nothing cluster-wide.
 */
class RbacTest {

    /** One rule as comparable text: "group resource [verbs, sorted]". */
    private static String rule(String group, String resource, List<String> verbs) {
        return (group.isEmpty() ? "core" : group) + " " + resource + " " + new TreeSet<>(verbs);
    }

    private static Set<String> expected(Namespace namespace) {
        return KubernetesPermissions.RULES.stream().filter(r -> r.namespace() == namespace)
                .map(r -> rule(r.group(), r.resource(), r.verbs())).collect(Collectors.toSet());
    }

    private static Set<String> granted(Role role) {
        Set<String> rules = new java.util.HashSet<>();
        for (PolicyRule policy : role.getRules()) {
            assertThat(policy.getResourceNames()).as("rules name no resources").isNullOrEmpty();
            assertThat(policy.getNonResourceURLs()).isNullOrEmpty();
            for (String group : policy.getApiGroups()) {
                for (String resource : policy.getResources()) {
                    String text = rule(group, resource, policy.getVerbs());
                    assertThat(rules.add(text)).as("%s granted twice", text).isTrue();
                    assertThat(text).as("no wildcard").doesNotContain("*");
                }
            }
        }
        return rules;
    }

    @Test
    void theRolesGrantExactlyTheDriversVerbsInEachNamespace() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS);
        assertThat(granted(rendered.get(Role.class, "skyport-builds", "skyport-build-farm")))
                .isEqualTo(expected(Namespace.BUILD));
        assertThat(granted(rendered.get(Role.class, "skyport-apps", "skyport-build-farm")))
                .isEqualTo(expected(Namespace.APP));
        assertThat(rendered.all(Role.class)).hasSize(2);
        assertThat(rendered.all(ClusterRole.class)).isEmpty();
        assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
    }

    @Test
    void theRolesAreBoundToTheBuildFarmsServiceAccountOnly() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS);
        for (String namespace : List.of("skyport-builds", "skyport-apps")) {
            RoleBinding binding = rendered.get(RoleBinding.class, namespace, "skyport-build-farm");
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo("skyport-build-farm");
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo("skyport-build-farm");
                assertThat(subject.getNamespace()).isEqualTo(SkyportChart.NAMESPACE);
            });
        }
        assertThat(rendered.all(RoleBinding.class)).hasSize(2);
    }

    @Test
    void otherNamespaceNamesMoveTheRolesAndTheBuildFarmsSettings() {
        Rendered rendered = SkyportChart.render(Variant.DEFAULTS,
                java.util.Map.of("namespaces.build", "ci-builds", "namespaces.apps", "ci-apps"));
        assertThat(granted(rendered.get(Role.class, "ci-builds", "skyport-build-farm"))).isEqualTo(expected(Namespace.BUILD));
        assertThat(granted(rendered.get(Role.class, "ci-apps", "skyport-build-farm"))).isEqualTo(expected(Namespace.APP));
        String config = rendered.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "skyport-build-farm").getData()
                .get("application.yml");
        assertThat(config).contains("build-namespace: \"ci-builds\"", "app-namespace: \"ci-apps\"");
    }
}
