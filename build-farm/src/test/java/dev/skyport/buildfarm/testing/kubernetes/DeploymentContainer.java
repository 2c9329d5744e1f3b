package dev.skyport.buildfarm.testing.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.async.ResultCallback;
import dev.skyport.registry.credentials.RegistryCredentials;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the one container of a rendered Deployment on a Docker Engine the way the kubelet would run it:
 * the image (pulled by digest with the pull Secret's credentials), {@code command} as the entrypoint and
 * {@code args} as the command (the image's own CMD dropped when {@code command} is set), the environment,
 * the container ports published on {@code 127.0.0.1}; and checks the probes the Deployment declares through
 * the published port. Only what the driver renders is supported: literal env values, HTTP GET and TCP
 * probes; anything else fails loudly rather than being skipped.
 *
 * <p>A TCP probe through a published port cannot stop at "connected": Docker's userland proxy accepts even
 * when nothing listens in the container, then closes the connection. So the probe connects and waits briefly,
 * as the Docker driver's check does: a connection closed at once fails; one held open passes.
 */
public final class DeploymentContainer implements AutoCloseable {

    private static final Duration HOLD = Duration.ofMillis(300);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final DockerClient docker;
    private final Container container;
    private final String id;

    private DeploymentContainer(DockerClient docker, Container container, String id) {
        this.docker = docker;
        this.container = container;
        this.id = id;
    }

    /** Pulls the Deployment's image with {@code credentials} and starts its container. */
    public static DeploymentContainer start(DockerClient docker, Deployment deployment, String registry,
                                            RegistryCredentials credentials) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalArgumentException("expected one container, the Deployment has " + containers.size());
        }
        Container container = containers.get(0);
        pull(docker, container.getImage(), registry, credentials);

        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ContainerPort port : container.getPorts()) {
            ExposedPort tcp = ExposedPort.tcp(port.getContainerPort());
            exposed.add(tcp);
            bindings.bind(tcp, Ports.Binding.bindIp("127.0.0.1"));
        }
        CreateContainerCmd create = docker.createContainerCmd(container.getImage())
                .withEnv(env(container))
                .withExposedPorts(exposed)
                .withLabels(Map.of("skyport.test", "deployment-container"))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings));
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            create.withEntrypoint(container.getCommand());
        }
        if (container.getArgs() != null && !container.getArgs().isEmpty()) {
            create.withCmd(container.getArgs());
        }
        String id = create.exec().getId();
        DeploymentContainer started = new DeploymentContainer(docker, container, id);
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Null when the readiness probe passes, else why not. */
    public String readiness() {
        return probe(container.getReadinessProbe());
    }

    /** Null when the liveness probe passes, else why not. */
    public String liveness() {
        return probe(container.getLivenessProbe());
    }

    /** The host port the container's {@code containerPort} is published on. */
    public int hostPort(int containerPort) {
        Ports.Binding[] published = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(containerPort));
        if (published == null || published.length == 0) {
            throw new IllegalStateException("port " + containerPort + " is not published");
        }
        return Integer.parseInt(published[0].getHostPortSpec());
    }

    /** What the container wrote so far. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    private String probe(Probe probe) {
        if (probe == null) {
            throw new IllegalStateException("the container declares no such probe");
        }
        if (probe.getHttpGet() != null) {
            if (probe.getHttpGet().getScheme() != null && !"HTTP".equals(probe.getHttpGet().getScheme())) {
                throw new IllegalStateException("unsupported scheme " + probe.getHttpGet().getScheme());
            }
            String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
            int port = hostPort(containerPort(probe.getHttpGet().getPort()));
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).timeout(timeout(probe)).GET().build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                return status >= 200 && status < 400 ? null : "GET " + path + " answered " + status;
            } catch (IOException e) {
                return "GET " + path + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        if (probe.getTcpSocket() != null) {
            int port = hostPort(containerPort(probe.getTcpSocket().getPort()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout(probe).toMillis());
                socket.setSoTimeout((int) HOLD.toMillis());
                InputStream in = socket.getInputStream();
                return in.read() < 0 ? "the connection was closed at once (nothing listens)" : null;
            } catch (SocketTimeoutException heldOpen) {
                return null;
            } catch (IOException e) {
                return "TCP: " + e;
            }
        }
        throw new IllegalStateException("unsupported probe " + probe);
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    private int containerPort(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalStateException("no container port named " + port.getStrVal()));
    }

    private static Duration timeout(Probe probe) {
        return Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
    }

    private static List<String> env(Container container) {
        List<String> env = new ArrayList<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() != null) {
                throw new IllegalStateException("env " + var.getName() + " comes from elsewhere; not supported");
            }
            env.add(var.getName() + "=" + (var.getValue() == null ? "" : var.getValue()));
        }
        return env;
    }

    /** {@code <repository>@sha256:…}, pulled with the credentials as the kubelet pulls with the pull Secret. */
    private static void pull(DockerClient docker, String image, String registry, RegistryCredentials credentials) {
        int at = image.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(image + " is not by digest");
        }
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry).withUsername(credentials.username())
                .withPassword(credentials.password());
        try {
            docker.pullImageCmd(image.substring(0, at)).withTag(image.substring(at + 1)).withAuthConfig(auth)
                    .exec(new ResultCallback.Adapter<>()).awaitCompletion(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
    }

    @Override
    public void close() {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // removed already
        }
    }
}
