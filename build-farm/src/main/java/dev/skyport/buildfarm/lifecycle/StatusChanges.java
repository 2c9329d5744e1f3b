package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.runtime.RunningInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every status change of a microservice and its deployments, as pure functions from the records before
 * to the records after. Each goes through {@code platform-api}'s {@link StatusMachine} (in
 * {@code moveTo}), so a change the machine forbids fails here, before anything is written. The
 * lifecycle decides when a change happens; this class decides what it writes and the message a person
 * reads.
 */
final class StatusChanges {

    private StatusChanges() {
    }

    /** A deploy request: a queued deployment, the microservice building, a still-queued one superseded. */
    static Change queued(Microservice existing, StoredDeployment queued, StoredDeployment replaced, Instant now) {
        String id = queued.id();
        Deployment d = queued.deployment();
        Microservice microservice = existing == null ? Microservice.firstDeploy(d.app(), d.microservice(), id, now)
                : existing.withLatestDeployment(id, now)
                .moveTo(MicroserviceStatus.BUILDING, "deployment " + id + " is queued", now);
        List<StoredDeployment> changed = new ArrayList<>(List.of(queued));
        if (replaced != null && replaced.status() == DeploymentStatus.QUEUED) {
            changed.add(replaced.moveTo(DeploymentStatus.SUPERSEDED, "replaced by " + id + " before it was built", now));
        }
        return new Change(microservice, changed);
    }

    /**
     * A rollback: a new deployment, {@code built} from the start with the target's image (nothing to
     * build), which the worker then starts like any built version. The microservice keeps its status
     * until the switch: what serves keeps serving.
     */
    static Change rollingBack(Microservice microservice, StoredDeployment target, String id, Instant now) {
        Deployment d = target.deployment();
        Deployment rollback = new Deployment(id, d.app(), d.microservice(), d.artifact(), DeploymentStatus.BUILT,
                "rollback to " + target.id() + ": starting " + d.image(), d.image(), now, now);
        Microservice updated = microservice.withLatestDeployment(id, now)
                .moveTo(microservice.status(), "rolling back to " + target.id() + " as " + id, now);
        return Change.of(updated, new StoredDeployment(rollback, target.item(), target.path(), null,
                target.templateDigest()));
    }

    /** A worker took the deployment: {@code queued → building}. */
    static Change building(Microservice microservice, StoredDeployment deployment, String image, Instant now) {
        String id = deployment.id();
        StoredDeployment building = deployment.moveTo(DeploymentStatus.BUILDING, "building image " + image, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment()) && microservice.status() != MicroserviceStatus.STOPPED) {
            updated = microservice.moveTo(MicroserviceStatus.BUILDING, "building " + id, now);
        }
        return Change.of(updated, building);
    }

    /** The build or the push failed; whatever served keeps serving. */
    static Change buildFailed(Microservice microservice, StoredDeployment deployment, String reason, Instant now) {
        String id = deployment.id();
        StoredDeployment failed = deployment.moveTo(DeploymentStatus.BUILD_FAILED, reason, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment())) {
            String serving = microservice.route() != null ? "; still serving " + microservice.currentDeployment() : "";
            updated = microservice.status() == MicroserviceStatus.STOPPED
                    ? microservice.moveTo(MicroserviceStatus.STOPPED, "stopped; the build of " + id + " failed", now)
                    : microservice.moveTo(MicroserviceStatus.BUILD_FAILED, "the build of " + id + " failed" + serving,
                    now);
        }
        return Change.of(updated, failed);
    }

    /**
     * The registry holds the image: {@code built}, to be started; or, when the microservice was stopped
     * meanwhile, {@code built} and then {@code stopped} at once with the image recorded, so that a start
     * runs it. Both steps are written (the log gets both status events), so no reader sees the
     * deployment jump from {@code building} to {@code stopped}, which the machine does not allow.
     */
    static Change built(Microservice microservice, StoredDeployment deployment, StoredDeployment previous,
                        String imageByDigest, Instant now) {
        String id = deployment.id();
        if (microservice.status() == MicroserviceStatus.STOPPED) {
            StoredDeployment built = deployment.withImage(imageByDigest, now)
                    .moveTo(DeploymentStatus.BUILT, "built and pushed " + imageByDigest, now);
            StoredDeployment stopped = built.moveTo(DeploymentStatus.STOPPED,
                    "built; not started because the microservice is stopped (start runs this version)", now);
            List<StoredDeployment> changed = new ArrayList<>(List.of(built, stopped));
            replacedWhileStopped(previous, id, now).ifPresent(changed::add);
            return new Change(microservice.serving(id, imageByDigest, null, now)
                    .moveTo(MicroserviceStatus.STOPPED, "stopped; " + id + " is built and runs on start", now), changed);
        }
        StoredDeployment built = deployment.withImage(imageByDigest, now)
                .moveTo(DeploymentStatus.BUILT, "built and pushed " + imageByDigest + "; starting it", now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment())) {
            updated = microservice.moveTo(MicroserviceStatus.BUILT, "built " + id + "; starting it", now);
        }
        return Change.of(updated, built);
    }

    /**
     * The new instance is ready and the route points at it: it is {@code running}, the previous one
     * {@code superseded}. While a newer deployment is still on its way, the microservice keeps saying so.
     */
    static Change serving(Microservice microservice, StoredDeployment deployment, StoredDeployment previous,
                          RunningInstance instance, MicroserviceRoute route, Instant now) {
        StoredDeployment served = deployment.withInstance(instance.ref())
                .moveTo(DeploymentStatus.RUNNING, "serving at " + instance.target(), now);
        Microservice updated = microservice.serving(deployment.id(), deployment.deployment().image(), route, now);
        boolean newerInFlight = !deployment.id().equals(microservice.latestDeployment())
                && (microservice.status() == MicroserviceStatus.BUILDING || microservice.status() == MicroserviceStatus.BUILT);
        updated = newerInFlight
                ? updated.moveTo(updated.status(), "serving " + deployment.id() + "; "
                + microservice.latestDeployment() + " is on its way", now)
                : updated.moveTo(MicroserviceStatus.RUNNING, "serving " + deployment.id(), now);
        List<StoredDeployment> changed = new ArrayList<>(List.of(served));
        if (previous != null && StatusMachine.allows(previous.status(), DeploymentStatus.SUPERSEDED)) {
            changed.add(previous.moveTo(DeploymentStatus.SUPERSEDED, "replaced by " + deployment.id(), now));
        }
        return new Change(updated, changed);
    }

    /** A new version never became ready; the previous one (if any) keeps serving. */
    static Change deployFailed(Microservice microservice, StoredDeployment deployment, String reason, Instant now) {
        String id = deployment.id();
        StoredDeployment failed = deployment.moveTo(DeploymentStatus.DEPLOY_FAILED, reason, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment()) && microservice.status() != MicroserviceStatus.STOPPED) {
            String serving = microservice.route() != null ? "; still serving " + microservice.currentDeployment() : "";
            updated = microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED, id + " did not become ready" + serving, now);
        }
        return Change.of(updated, failed);
    }

    /** A start by request did not become ready. Nothing served (the microservice was stopped). */
    static Change startFailed(Microservice microservice, StoredDeployment deployment, String reason, Instant now) {
        return Change.of(microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED,
                        deployment.id() + " did not become ready after start: " + reason, now),
                deployment.moveTo(DeploymentStatus.DEPLOY_FAILED, reason, now));
    }

    /** The serving instance stopped or vanished and did not come back: its route goes. */
    static Change didNotComeBack(Microservice microservice, StoredDeployment deployment, String reason, Instant now) {
        Microservice cleared = microservice.withRoute(null, now);
        String message = deployment.id() + " stopped and did not come back: " + reason;
        cleared = StatusMachine.allows(cleared.status(), MicroserviceStatus.DEPLOY_FAILED)
                ? cleared.moveTo(MicroserviceStatus.DEPLOY_FAILED, message, now)
                : cleared.moveTo(cleared.status(), message, now);
        return Change.of(cleared, deployment.moveTo(DeploymentStatus.DEPLOY_FAILED,
                "did not come back after it stopped: " + reason, now));
    }

    /** A stop by request: no route; the serving deployment is {@code stopped}, so a start runs it again. */
    static Change stopped(Microservice microservice, StoredDeployment current, Instant now) {
        Microservice stopped = microservice.withRoute(null, now)
                .moveTo(MicroserviceStatus.STOPPED, "stopped by request", now);
        if (current != null && current.status() == DeploymentStatus.RUNNING) {
            return Change.of(stopped, current.moveTo(DeploymentStatus.STOPPED, "stopped by request", now));
        }
        return Change.of(stopped);
    }

    /** A stop arrived while the new version was starting: the stop wins, the version runs on start. */
    static Change stoppedWhileStarting(Microservice microservice, StoredDeployment deployment,
                                       StoredDeployment previous, RunningInstance instance, Instant now) {
        List<StoredDeployment> changed = new ArrayList<>(List.of(deployment.withInstance(instance.ref())
                .moveTo(DeploymentStatus.STOPPED, "started, then stopped at the microservice's request", now)));
        replacedWhileStopped(previous, deployment.id(), now).ifPresent(changed::add);
        return new Change(microservice.serving(deployment.id(), deployment.deployment().image(), null, now),
                changed);
    }

    /**
     * A newer version becomes the current one while the microservice is stopped: the one it replaces will
     * never run again (a start runs the new one), so it is {@code superseded}, as after a route switch.
     */
    private static Optional<StoredDeployment> replacedWhileStopped(StoredDeployment previous, String id, Instant now) {
        if (previous == null || previous.id().equals(id)
                || !StatusMachine.allows(previous.status(), DeploymentStatus.SUPERSEDED)) {
            return Optional.empty();
        }
        return Optional.of(previous.moveTo(DeploymentStatus.SUPERSEDED, "replaced by " + id
                + ", which runs on start", now));
    }

    /**
     * In-flight deployments whose work was interrupted. Older ones end (superseded, or build_failed when
     * their build had begun); the newest is queued again when {@code resume}, else it fails with a reason.
     */
    static Change interrupted(Microservice microservice, List<StoredDeployment> inFlight, Interruption interruption,
                              boolean resume, Instant now) {
        StoredDeployment newest = inFlight.get(inFlight.size() - 1);
        List<StoredDeployment> changed = new ArrayList<>();
        for (StoredDeployment older : inFlight.subList(0, inFlight.size() - 1)) {
            changed.add(older.status() == DeploymentStatus.BUILDING
                    ? older.moveTo(DeploymentStatus.BUILD_FAILED, interruption.duringBuild() + ", and "
                    + newest.id() + " is newer; not building it again", now)
                    : older.moveTo(DeploymentStatus.SUPERSEDED, interruption.beforeDeployment()
                    + " finished, and " + newest.id() + " is newer", now));
        }
        Microservice updated = microservice;
        boolean isLatest = newest.id().equals(microservice.latestDeployment());
        boolean reportOnMicroservice = isLatest && microservice.status() != MicroserviceStatus.STOPPED;
        if (resume) {
            if (newest.status() == DeploymentStatus.BUILDING) {
                changed.add(newest.moveTo(DeploymentStatus.QUEUED, interruption.duringBuild()
                        + "; queued to build again", now));
            }
        } else if (newest.status() == DeploymentStatus.BUILT) {
            changed.add(newest.moveTo(DeploymentStatus.DEPLOY_FAILED, interruption.beforeDeployment()
                    + " started; deploy again", now));
            if (reportOnMicroservice) {
                updated = microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED, newest.id() + " was interrupted by "
                        + interruption.byWhat() + "; deploy again", now);
            }
        } else {
            changed.add(newest.moveTo(DeploymentStatus.BUILD_FAILED, interruption.beforeBuild()
                    + " finished; deploy again", now));
            if (reportOnMicroservice) {
                updated = microservice.moveTo(MicroserviceStatus.BUILD_FAILED, "the build of " + newest.id()
                        + " was interrupted by " + interruption.byWhat() + "; deploy again", now);
            }
        }
        return new Change(updated, changed);
    }
}
