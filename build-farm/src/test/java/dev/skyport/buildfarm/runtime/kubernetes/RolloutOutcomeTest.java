package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a rollout is over, read from a Deployment's status as the Deployment controller writes it. The
 * status lags the spec: right after an apply the informer holds the new generation with the previous
 * rollout's status, which must not decide the new rollout either way.
 */
class RolloutOutcomeTest {

    @Test
    void theNewReplicaSetFullyAvailableIsAvailable() {
        assertThat(RolloutOutcome.of(deployment(3, 3, 1, 1, 1, false), List.of()))
                .containsInstanceOf(RolloutOutcome.Available.class);
    }

    @Test
    void anOldPodStillCountedIsNotYetAvailable() {
        assertThat(RolloutOutcome.of(deployment(3, 3, 2, 1, 2, false), List.of())).isEmpty();
    }

    @Test
    void theStatusOfThePreviousGenerationDecidesNothing() {
        assertThat(RolloutOutcome.of(deployment(4, 3, 1, 1, 1, false), List.of()))
                .as("available, but for the previous spec").isEmpty();
        assertThat(RolloutOutcome.of(deployment(4, 3, 1, 1, 0, true), List.of()))
                .as("the previous rollout's ProgressDeadlineExceeded").isEmpty();
    }

    @Test
    void progressDeadlineExceededForThisGenerationFailsNamingTheSetting() {
        Pod pod = new PodBuilder().withNewMetadata().withName("shop-web-5d8f7").endMetadata().build();

        assertThat(RolloutOutcome.of(deployment(4, 4, 1, 1, 0, true), List.of(pod))).get()
                .isEqualTo(new RolloutOutcome.Failed("the rollout made no progress within its deadline"
                        + " (ProgressDeadlineExceeded; skyport.build-farm.kubernetes.progress-deadline)",
                        "shop-web-5d8f7"));
    }

    private static Deployment deployment(long generation, long observed, int replicas, int updated, int available,
                                         boolean deadlineExceeded) {
        DeploymentBuilder builder = new DeploymentBuilder().withNewMetadata().withName("shop-web")
                .withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).endStatus();
        if (deadlineExceeded) {
            builder.editStatus().withConditions(new DeploymentConditionBuilder().withType("Progressing")
                    .withStatus("False").withReason("ProgressDeadlineExceeded").build()).endStatus();
        }
        return builder.build();
    }
}
