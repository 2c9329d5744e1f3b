package dev.skyport.buildfarm.testing.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** fabric8's mock API server in CRUD mode, with server-side apply (see {@link ServerSideApplyDispatcher}). */
public final class MockKubernetes implements AutoCloseable {

    private final ServerSideApplyDispatcher dispatcher = new ServerSideApplyDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockKubernetes() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    public static MockKubernetes start() {
        return new MockKubernetes();
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesMockServer server() {
        return server;
    }

    public ServerSideApplyDispatcher dispatcher() {
        return dispatcher;
    }

    /** The API server's URL, for a build farm's {@code kubernetes.master}. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
