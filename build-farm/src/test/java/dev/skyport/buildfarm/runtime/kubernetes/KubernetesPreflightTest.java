package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skyport.buildfarm.testing.TestBuildFarm;
import dev.skyport.buildfarm.testing.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bad Kubernetes configuration stops start-up with a message that names the setting to fix, before the
 * build farm serves anything: an API server that does not answer, a namespace that does not exist, a
 * verb the service account may not use.
 */
class KubernetesPreflightTest {

    @Test
    void anUnreachableApiServerNamesTheApiServerSetting() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        Throwable failure = catchThrowable(() -> TestBuildFarm.startKubernetes(closed, Map.of()).close());

        assertThat(messages(failure)).anyMatch(m -> m.startsWith("cannot reach the Kubernetes API server at " + closed
                + "/ (cannot connect); set skyport.build-farm.kubernetes.api-server"));
    }

    @Test
    void aMissingNamespaceNamesItsSetting() {
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            namespaces(kubernetes, "skyport-builds");

            Throwable failure = catchThrowable(() -> TestBuildFarm.startKubernetes(kubernetes.url(), Map.of()).close());

            assertThat(messages(failure)).contains("namespace 'skyport-apps' (skyport.build-farm.kubernetes.app-namespace)"
                    + " does not exist; create it or change the setting");
        }
    }

    @Test
    void aDeniedVerbIsListedWithTheRbacToGrant() {
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            namespaces(kubernetes, "skyport-builds", "skyport-apps");
            kubernetes.dispatcher().deny("delete", "jobs", "skyport-builds");
            kubernetes.dispatcher().deny("get", "pods/log", "skyport-apps");

            Throwable failure = catchThrowable(() -> TestBuildFarm.startKubernetes(kubernetes.url(), Map.of()).close());

            assertThat(messages(failure)).anyMatch(m -> m.startsWith("the build farm's service account may not"
                    + " delete jobs in skyport-builds, get pods/log in skyport-apps;")
                    && m.contains("docs/build-farm.md#kubernetes-rbac")
                    && m.contains("skyport.build-farm.kubernetes.build-namespace"));
        }
    }

    @Test
    void withEverythingInPlaceItStarts() {
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            namespaces(kubernetes, "skyport-builds", "skyport-apps");

            try (TestBuildFarm farm = TestBuildFarm.startKubernetes(kubernetes.url(), Map.of())) {
                assertThat(farm.running()).isTrue();
            }
        }
    }

    private static void namespaces(MockKubernetes kubernetes, String... names) {
        for (String name : names) {
            kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .endMetadata().build()).create();
        }
    }

    /** The messages of the failure and its causes. */
    private static List<String> messages(Throwable failure) {
        assertThat(failure).as("start-up must fail").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
