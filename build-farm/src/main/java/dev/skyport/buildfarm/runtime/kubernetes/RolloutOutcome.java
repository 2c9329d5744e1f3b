package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Whether a rollout is done: the new ReplicaSet fully available, or a reason it never will be. */
sealed interface RolloutOutcome {

    Set<String> STUCK = Set.of("CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    record Available() implements RolloutOutcome {
    }

    record Failed(String reason, String pod) implements RolloutOutcome {
    }

    static Optional<RolloutOutcome> of(Deployment deployment, List<Pod> newPods) {
        if (deployment == null || deployment.getStatus() == null) {
            return Optional.empty();
        }
        var status = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        // Until the controller has seen this generation, the conditions are the previous rollout's.
        if (observed >= generation && status.getConditions() != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return Optional.of(new Failed("the rollout made no progress within its deadline"
                            + " (ProgressDeadlineExceeded; skyport.build-farm.kubernetes.progress-deadline)",
                            newPods.isEmpty() ? null : newPods.get(0).getMetadata().getName()));
                }
            }
        }
        for (Pod pod : newPods) {
            List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            for (ContainerStatus container : statuses) {
                var waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting != null && STUCK.contains(waiting.getReason())) {
                    return Optional.of(new Failed(waiting.getReason() + (waiting.getMessage() == null ? ""
                            : ": " + waiting.getMessage()) + restarts(container), pod.getMetadata().getName()));
                }
            }
        }
        int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        int total = Objects.requireNonNullElse(status.getReplicas(), 0);
        // As `kubectl rollout status` decides: old pods count as available until they are gone.
        if (observed >= generation && updated >= wanted && total <= updated && available >= wanted) {
            return Optional.of(new Available());
        }
        return Optional.empty();
    }

    private static String restarts(ContainerStatus container) {
        Integer count = container.getRestartCount();
        return count == null || count == 0 ? "" : " (restarted " + count + " times)";
    }
}
