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
        return retainedOf(microservice, candidates(microservice));
    }

    static RollbackTarget describe(StoredDeployment target) {
        return new RollbackTarget(target.id(), target.deployment().artifact(), target.deployment().image(),
                target.deployment().createdAt());
    }

    /**
     * The target of a rollback: {@code to}, or without it the newest target older than the current
     * deployment. The registry is asked only about the deployments that decide it; a refusal asks about
     * all of them, to name the reachable ones.
     */
    StoredDeployment choose(Microservice microservice, String to) {
        MicroserviceKey key = keyOf(microservice);
        List<StoredDeployment> candidates = candidates(microservice);
        if (to == null) {
            StoredDeployment current = current(microservice);
            for (StoredDeployment candidate : candidates) {
                boolean older = current == null
                        || candidate.deployment().createdAt().isBefore(current.deployment().createdAt());
                if (older && retained(key, candidate)) {
                    return candidate;
                }
            }
            throw refusal(LifecycleRefusal.Reason.NOTHING_TO_ROLL_BACK_TO, microservice, candidates, null,
                    "'" + key.name() + "' has no earlier deployment to roll back to");
        }
        StoredDeployment named = records.deployment(to)
                .filter(d -> d.deployment().app().equals(key.app()) && d.deployment().microservice().equals(key.name()))
                .orElseThrow(() -> refusal(LifecycleRefusal.Reason.DEPLOYMENT_NOT_FOUND, microservice, candidates, to,
                        "'" + key.name() + "' has no deployment " + to));
        boolean candidate = candidates.stream().anyMatch(c -> c.id().equals(named.id()));
        if (candidate && retained(key, named)) {
            return named;
        }
        if (candidate) {
            throw refusal(LifecycleRefusal.Reason.IMAGE_NOT_RETAINED, microservice, candidates, to, "the image of "
                    + to + " is gone: the registry keeps the newest skyport.build-farm.registry.keep-images images of '"
                    + key.name() + "'");
        }
        throw refusal(LifecycleRefusal.Reason.NOT_A_ROLLBACK_TARGET, microservice, candidates, to, to
                + " cannot be rolled back to (" + whyNot(microservice, named) + ")");
    }

    /** A refusal whose message and details name the deployments that can be rolled back to. */
    private LifecycleRefusal refusal(LifecycleRefusal.Reason reason, Microservice microservice,
                                     List<StoredDeployment> candidates, String to, String what) {
        List<String> ids = retainedOf(microservice, candidates).stream().map(StoredDeployment::id).toList();
        String choices = ids.isEmpty() ? "no deployment of '" + microservice.name() + "' can be rolled back to"
                : "it can be rolled back to " + String.join(", ", ids);
        return new LifecycleRefusal(reason, keyOf(microservice), what + "; " + choices, to, ids);
    }

    private List<StoredDeployment> retainedOf(Microservice microservice, List<StoredDeployment> candidates) {
        MicroserviceKey key = keyOf(microservice);
        return candidates.stream().filter(candidate -> retained(key, candidate)).toList();
    }

    private static MicroserviceKey keyOf(Microservice microservice) {
        return new MicroserviceKey(microservice.app(), microservice.name());
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
