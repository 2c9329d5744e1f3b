package dev.skyport.e2e.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.skyport.testing.DevServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the Docker Engine holds for an app, found by the labels the build farm puts on everything (§3.6). */
public final class DockerState implements AutoCloseable {

    private final DockerClient docker;

    public DockerState() {
        this(DevServices.get().dockerHost());
    }

    /** The Engine at {@code host}, for a test that runs one of its own. */
    public DockerState(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).withApiVersion("1.41").build();
        docker = DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(URI.create(host)).build());
    }

    /** Names of the app's containers, running or not. */
    public List<String> containers(String app) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("skyport.dev/app", app)).exec()
                .stream().map(c -> String.join(",", c.getNames()) + " " + c.getState()).toList();
    }

    /** Ids of the app's images. */
    public List<String> images(String app) {
        // Images carry no labels (a LABEL is one more build step): they are named <registry>/<app>/<name>.
        String repository = "/" + app + "/";
        return docker.listImagesCmd().withShowAll(true).exec().stream()
                .filter(i -> Stream.concat(Stream.ofNullable(i.getRepoTags()).flatMap(Arrays::stream),
                        Stream.ofNullable(i.getRepoDigests()).flatMap(Arrays::stream))
                        .anyMatch(name -> name.contains(repository)))
                .map(i -> i.getId()).toList();
    }

    /** The labels of the image the app's (single) running container runs. */
    public Map<String, String> runningImageLabels(String app) {
        List<com.github.dockerjava.api.model.Container> running = docker.listContainersCmd()
                .withLabelFilter(Map.of("skyport.dev/app", app)).exec();
        if (running.size() != 1) {
            throw new AssertionError("expected one running container of " + app + ", found " + running.size());
        }
        return docker.inspectImageCmd(running.get(0).getImageId()).exec().getConfig().getLabels();
    }

    public DockerClient client() {
        return docker;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
