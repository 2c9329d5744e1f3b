package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.RollbackTarget;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The deployments a rollback can run again: built, never failed to start, not the current image, and
 * still in the registry (its retention deletes old images; the record may outlive its image). Asking
 * the registry is a network call: callers make it without the lane's lock.
 */
@Component
class RollbackTargets {

    private final RecordStore records;
    private final RegistryAccess registry;

    RollbackTargets(RecordStore records, RegistryAccess registry) {
        this.records = records;
        this.registry = registry;
    }

    /** The reachable targets, newest first. */
    List<StoredDeployment> reachable(Microservice microservice) {
        MicroserviceKey key = new MicroserviceKey(microservice.app(), microservice.name());
        return candidates(microservice).stream().filter(candidate -> retained(key, candidate)).toList();
    }

    static RollbackTarget describe(StoredDeployment target) {
        return new RollbackTarget(target.id(), target.deployment().artifact(), target.deployment().image(),
                target.deployment().createdAt());
    }

    /**
     * The target of a rollback: {@code to}, or without it the newest target older than the current
     * deployment. Throws {@link LifecycleRefusal} naming the reachable targets when there is none.
     */
    StoredDeployment choose(Microservice microservice, String to) {
        MicroserviceKey key = new MicroserviceKey(microservice.app(), microservice.name());
        List<StoredDeployment> reachable = reachable(microservice);
        List<String> ids = reachable.stream().map(StoredDeployment::id).toList();
        String choices = ids.isEmpty() ? "no deployment of '" + key.name() + "' can be rolled back to"
                : "it can be rolled back to " + String.join(", ", ids);
        if (to == null) {
            StoredDeployment current = current(microservice);
            return reachable.stream()
                    .filter(target -> current == null || target.deployment().createdAt()
                            .isBefore(current.deployment().createdAt()))
                    .findFirst()
                    .orElseThrow(() -> new LifecycleRefusal(LifecycleRefusal.Reason.NOTHING_TO_ROLL_BACK_TO, key,
                            "'" + key.name() + "' has no earlier deployment to roll back to; " + choices, null, ids));
        }
        StoredDeployment named = records.deployment(to)
                .filter(d -> d.deployment().app().equals(key.app()) && d.deployment().microservice().equals(key.name()))
                .orElseThrow(() -> new LifecycleRefusal(LifecycleRefusal.Reason.DEPLOYMENT_NOT_FOUND, key,
                        "'" + key.name() + "' has no deployment " + to + "; " + choices, to, ids));
        if (ids.contains(named.id())) {
            return named;
        }
        if (candidates(microservice).stream().anyMatch(c -> c.id().equals(named.id()))) {
            throw new LifecycleRefusal(LifecycleRefusal.Reason.IMAGE_NOT_RETAINED, key, "the image of " + to
                    + " is gone: the registry keeps the newest skyport.build-farm.registry.keep-images images of '"
                    + key.name() + "'; " + choices, to, ids);
        }
        throw new LifecycleRefusal(LifecycleRefusal.Reason.NOT_A_ROLLBACK_TARGET, key, to + " cannot be rolled back to ("
                + whyNot(microservice, named) + "); " + choices, to, ids);
    }

    private static String whyNot(Microservice microservice, StoredDeployment named) {
        if (named.id().equals(microservice.currentDeployment())) {
            return "it is the current deployment";
        }
        if (named.deployment().image() == null) {
            return "it was never built: " + named.status().wireName();
        }
        if (named.status() == DeploymentStatus.DEPLOY_FAILED) {
            return "it never became ready";
        }
        if (named.status().inFlight()) {
            return "it is " + named.status().wireName();
        }
        return "it runs the image that serves now";
    }

    /** Built, never failed to start, not in flight, not the current one nor its image; newest first. */
    private List<StoredDeployment> candidates(Microservice microservice) {
        StoredDeployment current = current(microservice);
        String currentImage = current == null ? null : current.deployment().image();
        List<StoredDeployment> result = new ArrayList<>();
        for (StoredDeployment d : records.deployments(microservice.app(), microservice.name())) {
            boolean eligible = d.deployment().image() != null && !d.status().inFlight()
                    && d.status() != DeploymentStatus.DEPLOY_FAILED && d.status() != DeploymentStatus.BUILD_FAILED
                    && !d.id().equals(microservice.currentDeployment())
                    && !Objects.equals(d.deployment().image(), currentImage);
            if (eligible) {
                result.add(d);
            }
        }
        result.sort(Comparator.comparing((StoredDeployment d) -> d.deployment().createdAt())
                .thenComparing(StoredDeployment::id).reversed());
        return result;
    }

    private StoredDeployment current(Microservice microservice) {
        return microservice.currentDeployment() == null ? null
                : records.deployment(microservice.currentDeployment()).orElse(null);
    }

    private boolean retained(MicroserviceKey key, StoredDeployment deployment) {
        String image = deployment.deployment().image();
        int at = image.indexOf('@');
        if (at < 0) {
            return false;
        }
        return registry.client().manifestDigest(RegistryAccess.repositoryPath(key), image.substring(at + 1)).isPresent();
    }
}
