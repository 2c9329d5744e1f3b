package dev.skyport.api.microservice;

import static dev.skyport.api.microservice.DeploymentStatus.BUILDING;
import static dev.skyport.api.microservice.DeploymentStatus.BUILD_FAILED;
import static dev.skyport.api.microservice.DeploymentStatus.BUILT;
import static dev.skyport.api.microservice.DeploymentStatus.DEPLOY_FAILED;
import static dev.skyport.api.microservice.DeploymentStatus.QUEUED;
import static dev.skyport.api.microservice.DeploymentStatus.RUNNING;
import static dev.skyport.api.microservice.DeploymentStatus.STOPPED;
import static dev.skyport.api.microservice.DeploymentStatus.SUPERSEDED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says which status changes exist, for deployments and for microservices.
 * Staying in the same status (a new message) is always allowed, except out of a final status.
 *
 * <pre>
 * queued ─► building ─► built ─► running ─► stopped ─► running …
 *   │          │          │         │
 *   │          ▼          ▼         ▼
 *   │     build_failed  deploy_failed   superseded (a newer deployment serves)
 *   ▼
 * superseded (a newer deploy arrived before this one was built)
 * </pre>
 * {@code building → queued} is a build requeued after a build farm restart.
 */
public final class StatusMachine {

    private static final Map<DeploymentStatus, EnumSet<DeploymentStatus>> DEPLOYMENT = new EnumMap<>(DeploymentStatus.class);
    private static final Map<MicroserviceStatus, EnumSet<MicroserviceStatus>> MICROSERVICE =
            new EnumMap<>(MicroserviceStatus.class);

    static {
        DEPLOYMENT.put(QUEUED, EnumSet.of(BUILDING, SUPERSEDED, BUILD_FAILED));
        DEPLOYMENT.put(BUILDING, EnumSet.of(BUILT, BUILD_FAILED, QUEUED));
        DEPLOYMENT.put(BUILT, EnumSet.of(RUNNING, DEPLOY_FAILED, STOPPED, SUPERSEDED));
        DEPLOYMENT.put(RUNNING, EnumSet.of(STOPPED, SUPERSEDED, DEPLOY_FAILED));
        DEPLOYMENT.put(STOPPED, EnumSet.of(RUNNING, DEPLOY_FAILED, SUPERSEDED));
        // A stop moves only a running deployment: a deploy_failed one stays so, and a start runs it again.
        DEPLOYMENT.put(DEPLOY_FAILED, EnumSet.of(RUNNING, SUPERSEDED));
        DEPLOYMENT.put(BUILD_FAILED, EnumSet.noneOf(DeploymentStatus.class));
        DEPLOYMENT.put(SUPERSEDED, EnumSet.noneOf(DeploymentStatus.class));

        // A new deploy may start from any state; only a build produces `built`.
        MICROSERVICE.put(MicroserviceStatus.BUILDING, EnumSet.of(MicroserviceStatus.BUILT,
                MicroserviceStatus.BUILD_FAILED, MicroserviceStatus.STOPPED));
        MICROSERVICE.put(MicroserviceStatus.BUILT, EnumSet.of(MicroserviceStatus.BUILDING,
                MicroserviceStatus.RUNNING, MicroserviceStatus.DEPLOY_FAILED, MicroserviceStatus.STOPPED));
        MICROSERVICE.put(MicroserviceStatus.RUNNING, EnumSet.of(MicroserviceStatus.BUILDING,
                MicroserviceStatus.STOPPED, MicroserviceStatus.DEPLOY_FAILED));
        // A build that fails while stopped leaves the microservice stopped: the stop is what the user asked for.
        MICROSERVICE.put(MicroserviceStatus.STOPPED, EnumSet.of(MicroserviceStatus.BUILDING,
                MicroserviceStatus.RUNNING, MicroserviceStatus.DEPLOY_FAILED));
        MICROSERVICE.put(MicroserviceStatus.BUILD_FAILED, EnumSet.of(MicroserviceStatus.BUILDING,
                MicroserviceStatus.RUNNING, MicroserviceStatus.DEPLOY_FAILED, MicroserviceStatus.STOPPED));
        MICROSERVICE.put(MicroserviceStatus.DEPLOY_FAILED, EnumSet.of(MicroserviceStatus.BUILDING,
                MicroserviceStatus.RUNNING, MicroserviceStatus.STOPPED));
    }

    private StatusMachine() {
    }

    public static boolean allows(DeploymentStatus from, DeploymentStatus to) {
        if (from == to) {
            return !DEPLOYMENT.get(from).isEmpty();
        }
        return DEPLOYMENT.get(from).contains(to);
    }

    public static boolean allows(MicroserviceStatus from, MicroserviceStatus to) {
        return from == to || MICROSERVICE.get(from).contains(to);
    }

    /** The statuses a deployment may move to from {@code from}. */
    public static Set<DeploymentStatus> next(DeploymentStatus from) {
        return EnumSet.copyOf(DEPLOYMENT.get(from));
    }

    public static boolean isFinal(DeploymentStatus status) {
        return DEPLOYMENT.get(status).isEmpty();
    }

    static void check(String what, DeploymentStatus from, DeploymentStatus to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException(what + " cannot go from " + from.wireName() + " to " + to.wireName()
                    + (isFinal(from) ? " (" + from.wireName() + " is final)" : "; allowed: " + next(from)));
        }
    }

    static void check(String what, MicroserviceStatus from, MicroserviceStatus to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException(what + " cannot go from " + from.wireName() + " to "
                    + to.wireName());
        }
    }
}
