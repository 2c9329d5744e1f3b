package dev.skyport.charttests.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The cluster Helm's {@code lookup} reads while the chart renders: fabric8's mock API server in CRUD mode.
 *
 * <p>helm-java's {@code template} renders like {@code helm install --dry-run}, not like {@code helm template}:
 * {@code lookup} asks a real API server (the one {@code KUBECONFIG} names; surefire points it at a file this
 * class writes). So every render reads this mock, which is empty unless a test put Secrets in it, as a
 * first install does; {@code SecretsKeptAcrossUpgradesTest} puts the first render's Secrets in it to play an
 * upgrade. Helm resolves a kind through discovery ({@code GET /api/v1}), which the CRUD mock does not
 * serve, so this dispatcher answers it for the core kinds the chart looks up.
 */
public final class HelmCluster {

    private static HelmCluster instance;

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesCrudDispatcher dispatcher = new DiscoveryDispatcher();

    private HelmCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        writeKubeconfig(client.getMasterUrl().toString());
    }

    /** The cluster, started (and the kubeconfig written) on first use. */
    public static synchronized HelmCluster get() {
        if (instance == null) {
            instance = new HelmCluster();
        }
        return instance;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Forgets every object, as before a first install. */
    public void clear() {
        dispatcher.reset();
    }

    private static void writeKubeconfig(String url) {
        String file = System.getenv("KUBECONFIG");
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set: run the tests through Maven (chart-tests/pom.xml"
                    + " points it at target/helm-kubeconfig.yaml), or set it to a writable file");
        }
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s"}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: mock, namespace: %s}
                current-context: mock
                users:
                  - name: mock
                    user: {token: mock}
                """.formatted(url.replaceAll("/$", ""), SkyportChart.NAMESPACE);
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRUD dispatcher, plus the discovery of the core group. */
    private static final class DiscoveryDispatcher extends KubernetesCrudDispatcher {

        private static final String CORE_RESOURCES = """
                {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
                  {"name": "secrets", "singularName": "secret", "namespaced": true, "kind": "Secret",
                   "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
                  {"name": "configmaps", "singularName": "configmap", "namespaced": true, "kind": "ConfigMap",
                   "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
                  {"name": "namespaces", "singularName": "namespace", "namespaced": false, "kind": "Namespace",
                   "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]}]}
                """;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = URI.create(request.getPath()).getPath();
            if ("GET".equals(request.getMethod()) && "/api".equals(path)) {
                return json("{\"kind\": \"APIVersions\", \"versions\": [\"v1\"], \"serverAddressByClientCIDRs\": []}");
            }
            if ("GET".equals(request.getMethod()) && "/api/v1".equals(path)) {
                return json(CORE_RESOURCES);
            }
            return super.dispatch(request);
        }

        private static MockResponse json(String body) {
            return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(body);
        }
    }
}
