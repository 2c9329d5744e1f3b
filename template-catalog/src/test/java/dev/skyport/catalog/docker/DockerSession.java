package dev.skyport.catalog.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

/**
 * The Docker Engine work of one test, through docker-java: import a base, build, run. Everything
 * it creates is removed on {@link #close()}; a base tag that pointed at another image before the
 * import is pointed back there, so a stand-in seeded by someone else survives this test.
 */
final class DockerSession implements AutoCloseable {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final DockerHttpClient http;
    private final DockerClient docker;
    private final Deque<Runnable> cleanups = new ArrayDeque<>();

    DockerSession(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        this.http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(BUILD_TIMEOUT)
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /**
     * {@code docker import} of {@code rootFs}, tagged {@code image} (for example {@code node:20-bookworm-slim}).
     * The request goes through docker-java's transport because its {@code createImageCmd} sends the
     * stream JSON-encoded instead of as the tar (docker-java issue 2377).
     */
    String importImage(RootFs rootFs, String image) {
        int colon = image.lastIndexOf(':');
        String repository = image.substring(0, colon);
        String tag = image.substring(colon + 1);
        Optional<String> previous = imageId(image);
        Path tar = writeToTempFile(rootFs);
        try (InputStream in = Files.newInputStream(tar);
             DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                     .method(DockerHttpClient.Request.Method.POST)
                     .path("/images/create?fromSrc=-&repo=" + encode(repository) + "&tag=" + encode(tag))
                     .putHeader("Content-Type", "application/x-tar")
                     .body(in)
                     .build())) {
            String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200 || answer.contains("\"error\"")) {
                throw new IllegalStateException("docker import of " + image + " failed (HTTP " + response.getStatusCode() + "): " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(tar);
        }
        String id = imageId(image).orElseThrow(() -> new IllegalStateException("docker import did not create " + image));
        cleanups.push(() -> restoreTag(image, repository, tag, id, previous));
        return id;
    }

    record Build(String imageId, String log) {
    }

    /** Builds a context tar with the classic builder, no network and no pulls. */
    Build build(byte[] contextTar, String tag, Map<String, String> buildArgs) {
        StringBuilder log = new StringBuilder();
        BuildImageCmd command = docker.buildImageCmd(new ByteArrayInputStream(contextTar))
                .withTags(Set.of(tag))
                .withPull(false)
                .withNetworkMode("none")
                .withForcerm(true);
        buildArgs.forEach(command::withBuildArg);
        cleanups.push(() -> removeImage(tag));
        try {
            String id = command.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        log.append(item.getStream());
                    }
                    if (item.getErrorDetail() != null) {
                        log.append("ERROR: ").append(item.getErrorDetail().getMessage()).append('\n');
                    }
                    super.onNext(item);
                }
            }).awaitImageId(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
            return new Build(id, log.toString());
        } catch (RuntimeException e) {
            throw new AssertionError("docker build of " + tag + " failed: " + e.getMessage() + "\n--- build log ---\n" + log, e);
        }
    }

    InspectImageResponse inspect(String image) {
        return docker.inspectImageCmd(image).exec();
    }

    /** Runs {@code image} with {@code env}, publishing {@code containerPort} on 127.0.0.1; returns the host port. */
    Container run(String image, Map<String, String> env, int containerPort) {
        ExposedPort port = ExposedPort.tcp(containerPort);
        String id = docker.createContainerCmd(image)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(port)
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port)))
                .exec().getId();
        cleanups.push(() -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        docker.startContainerCmd(id).exec();
        Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings().get(port);
        return new Container(id, Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    record Container(String id, int hostPort) {
    }

    String logs(String containerId) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTailAll()
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Optional<String> imageId(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // never built, or already gone
        }
    }

    /** Leaves the tag as it was before the import, unless someone has re-pointed it since. */
    private void restoreTag(String image, String repository, String tag, String importedId, Optional<String> previous) {
        if (!imageId(image).filter(importedId::equals).isPresent()) {
            return;
        }
        if (previous.isPresent() && imageId(previous.get()).isPresent()) {
            docker.tagImageCmd(previous.get(), repository, tag).withForce(true).exec();
        } else {
            docker.removeImageCmd(image).exec();
        }
        try {
            docker.removeImageCmd(importedId).exec();
        } catch (NotFoundException e) {
            // the untag above removed it
        } catch (RuntimeException e) {
            // still tagged elsewhere or used by a container someone else runs: leave it
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Path writeToTempFile(RootFs rootFs) {
        try {
            Path tar = Files.createTempFile("skyport-stand-in", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                rootFs.writeTar(out);
            }
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file; the OS cleans it up
        }
    }
}
