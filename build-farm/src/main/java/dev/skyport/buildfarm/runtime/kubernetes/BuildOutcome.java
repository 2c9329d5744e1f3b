package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a build Job ended, read from the Job and its Pod as the informers hold them: a digest, or a reason
 * a person can act on. Empty while it still runs.
 */
sealed interface BuildOutcome {

    Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

    record Pushed(String digest) implements BuildOutcome {
    }

    /**
     * @param reason    what happened and what to change
     * @param lastLines the failed container's last lines as its termination message holds them, for when the
     *                  streamed log has none
     */
    record Failed(String reason, List<String> lastLines) implements BuildOutcome {

        public Failed(String reason) {
            this(reason, List.of());
        }

        public Failed {
            lastLines = List.copyOf(lastLines);
        }
    }

    static Optional<BuildOutcome> of(Job job, Pod pod, long timeoutSeconds) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod != null && pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        for (ContainerStatus status : statuses) {
            var waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting != null && PULL_FAILURES.contains(waiting.getReason())) {
                return Optional.of(new Failed("cannot pull the build image " + status.getImage() + " ("
                        + waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())
                        + "); check skyport.build-farm.kubernetes.docker-version, the image settings and"
                        + " registry-mirror"));
            }
            var terminated = status.getState() == null ? null : status.getState().getTerminated();
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of(new Failed("the " + status.getName() + " container ran out of memory (OOMKilled);"
                        + " raise skyport.build-farm.kubernetes." + (BuildJobs.DIND_CONTAINER.equals(status.getName())
                        ? "dind" : "build") + "-resources.memory-limit"));
            }
            if (terminated != null && BuildJobs.FETCH_CONTAINER.equals(status.getName())
                    && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
                return Optional.of(new Failed("fetching the build context failed (exit " + terminated.getExitCode()
                        + "): " + lastLines(terminated.getMessage(), " | ") + "; build pods download it from"
                        + " skyport.build-farm.build-context.public-url, which they must reach"));
            }
        }
        Optional<ContainerStatus> build = statuses.stream()
                .filter(s -> BuildJobs.BUILD_CONTAINER.equals(s.getName())).findFirst();
        var terminated = build.map(s -> s.getState() == null ? null : s.getState().getTerminated()).orElse(null);
        if (terminated != null && terminated.getExitCode() != null) {
            if (terminated.getExitCode() == 0) {
                String digest = terminated.getMessage() == null ? "" : terminated.getMessage().strip();
                return Optional.of(digest.matches("sha256:[0-9a-f]{64}") ? new Pushed(digest)
                        : new Failed("the build container ended without a digest in its termination message"));
            }
            // The termination message falls back to the log's last lines: the same lines the stream gave.
            return Optional.of(new Failed("the build failed (exit " + terminated.getExitCode() + ")",
                    terminated.getMessage() == null || terminated.getMessage().isBlank() ? List.of()
                            : List.of(terminated.getMessage().strip().split("\n"))));
        }
        if (job != null && job.getStatus() != null && job.getStatus().getConditions() != null) {
            for (JobCondition condition : job.getStatus().getConditions()) {
                if (!"True".equals(condition.getStatus())) {
                    continue;
                }
                if ("Failed".equals(condition.getType()) || "FailureTarget".equals(condition.getType())) {
                    if ("DeadlineExceeded".equals(condition.getReason())) {
                        return Optional.of(new Failed("the build took longer than " + timeoutSeconds + " s"
                                + " (skyport.build-farm.builds.timeout) and was stopped"));
                    }
                    return Optional.of(new Failed("the build Job failed: " + condition.getReason()
                            + (condition.getMessage() == null ? "" : " (" + condition.getMessage() + ")")));
                }
            }
        }
        return Optional.empty();
    }

    private static String lastLines(String message, String separator) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String[] lines = message.strip().split("\n");
        return String.join(separator, java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }
}
