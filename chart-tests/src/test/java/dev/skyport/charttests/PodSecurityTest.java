package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.charttests.support.Rendered;
import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every container the chart makes: not privileged, not root, no privilege escalation, resources, probes.
 * The build pods' privileged Docker-in-Docker daemon is the Kubernetes driver's, not the chart's.
 */
class PodSecurityTest {

    /**
     * Containers of the chart that run as root because their image cannot run otherwise. None: docs/operators.md
     * ("Who runs as root") says so and why each image can run as another user.
     */
    static final Set<String> RUNS_AS_ROOT = Set.of();

    /** Containers without probes, and why: the helm test pod runs to completion; nothing waits for it or routes to it. */
    static final Set<String> WITHOUT_PROBES = Set.of("Pod/skyport-test container test");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void noContainerIsPrivilegedOrMayGainPrivileges(Variant variant) {
        Rendered rendered = SkyportChart.render(variant);
        rendered.containers().forEach((name, container) -> {
            SecurityContext context = container.getSecurityContext();
            assertThat(context).as("%s has a security context", name).isNotNull();
            assertThat(context.getPrivileged()).as("%s privileged", name).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", name).isFalse();
            assertThat(context.getCapabilities().getDrop()).as("%s drops every capability", name).containsExactly("ALL");
            assertThat(Optional.ofNullable(context.getCapabilities().getAdd()).orElse(java.util.List.of()))
                    .as("%s adds capabilities", name).isEmpty();
            assertThat(context.getReadOnlyRootFilesystem()).as("%s read-only root", name).isTrue();
        });
        rendered.podSpecs().forEach((name, pod) -> {
            assertThat(pod.getHostNetwork()).as("%s hostNetwork", name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as("%s hostPID", name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as("%s hostIPC", name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes() == null ? java.util.List.of() : pod.getVolumes())
                    .as("%s mounts no host path", name).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        });
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyContainerRunsAsNonRootExceptTheDocumentedOnes(Variant variant) {
        Rendered rendered = SkyportChart.render(variant);
        Map<String, PodSpec> pods = rendered.podSpecs();
        rendered.containers().forEach((name, container) -> {
            PodSpec pod = pods.get(name.substring(0, name.indexOf(" container ")));
            PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
            SecurityContext context = container.getSecurityContext();
            Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
            Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
            if (RUNS_AS_ROOT.contains(name)) {
                return;
            }
            assertThat(nonRoot).as("%s runAsNonRoot", name).isTrue();
            assertThat(user).as("%s runAsUser (a number, so the kubelet can check it is not 0)", name)
                    .isNotNull().isPositive();
            assertThat(Optional.ofNullable(context.getSeccompProfile()).or(() -> Optional.ofNullable(
                    podContext.getSeccompProfile())).map(p -> p.getType()))
                    .as("%s seccomp profile", name).contains("RuntimeDefault");
        });
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyContainerHasResourcesAndProbes(Variant variant) {
        Map<String, Container> containers = SkyportChart.render(variant).containers();
        assertThat(containers.keySet()).containsAll(WITHOUT_PROBES).hasSizeGreaterThanOrEqualTo(5);
        containers.forEach((name, container) -> {
            assertResources(name, container);
            if (WITHOUT_PROBES.contains(name)) {
                assertThat(container.getReadinessProbe()).isNull();
                return;
            }
            assertThat(container.getReadinessProbe()).as("%s readiness probe", name).isNotNull();
            assertThat(container.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
        });
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void onlyTheBuildFarmGetsAServiceAccountToken(Variant variant) {
        SkyportChart.render(variant).podSpecs().forEach((name, pod) -> {
            if (name.equals("Deployment/skyport-build-farm")) {
                assertThat(pod.getServiceAccountName()).isEqualTo("skyport-build-farm");
                assertThat(pod.getAutomountServiceAccountToken()).isTrue();
            } else {
                assertThat(pod.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", name).isFalse();
            }
        });
    }

    private static void assertResources(String name, Container container) {
        var resources = container.getResources();
        assertThat(resources).as("%s resources", name).isNotNull();
        assertThat(resources.getRequests()).as("%s requests", name).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as("%s limits", name).containsKey("memory");
    }
}
