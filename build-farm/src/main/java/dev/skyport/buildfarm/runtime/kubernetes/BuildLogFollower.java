package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.BuildLog;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams the build container's log ({@code pods/log?follow=true}) into the deployment's log, live, from
 * the moment the container starts, and keeps its last lines for a failure's message.
 */
final class BuildLogFollower {

    private static final int KEEP = 20;

    private final KubernetesClient client;
    private final KubernetesProperties properties;

    BuildLogFollower(KubernetesClient client, KubernetesProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    Follow follow(String jobName, BuildLog buildLog) {
        return new Follow(jobName, buildLog);
    }

    /** One build's log stream. */
    final class Follow implements AutoCloseable {

        private final String jobName;
        private final BuildLog buildLog;
        private final Deque<String> last = new ArrayDeque<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private LogWatch watch;
        private boolean started;

        private Follow(String jobName, BuildLog buildLog) {
            this.jobName = jobName;
            this.buildLog = buildLog;
        }

        /** Starts streaming once the build container runs (or already ended); later calls do nothing. */
        synchronized void startWhenRunning(Pod pod) {
            if (started || !buildContainerStarted(pod)) {
                return;
            }
            started = true;
            try {
                watch = client.pods().inNamespace(properties.buildNamespace()).withName(pod.getMetadata().getName())
                        .inContainer(BuildJobs.BUILD_CONTAINER).watchLog();
            } catch (KubernetesClientException e) {
                buildLog.line("(cannot stream the build log of " + jobName + ": " + e.getMessage() + ")");
                ended.countDown();
                return;
            }
            Thread pump = new Thread(this::pump, "skyport-build-log-" + jobName);
            pump.setDaemon(true);
            pump.start();
        }

        private void pump() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    buildLog.line(line);
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > KEEP) {
                            last.removeFirst();
                        }
                    }
                }
            } catch (IOException | KubernetesClientException e) {
                // the stream ended with the pod, or was closed
            } finally {
                ended.countDown();
            }
        }

        void awaitEnd(Duration atMost) {
            synchronized (this) {
                if (!started) {
                    return;
                }
            }
            try {
                ended.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<String> lastLines() {
            synchronized (last) {
                return List.copyOf(last);
            }
        }

        @Override
        public synchronized void close() {
            if (watch != null) {
                watch.close();
            }
        }

        private static boolean buildContainerStarted(Pod pod) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                return false;
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                if (BuildJobs.BUILD_CONTAINER.equals(status.getName()) && status.getState() != null
                        && (status.getState().getRunning() != null || status.getState().getTerminated() != null)) {
                    return true;
                }
            }
            return false;
        }
    }
}
