package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.route.RouteProperties;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Start an instance, wait until it is ready, switch the route to it, retire the old one": the one
 * place where a version starts serving, for a new version, a start by request and a restart after the
 * instance went away. The driver call runs without the lane's lock; the decision after it is taken
 * under the lock, against what happened meanwhile (a delete, a stop, a newer version).
 */
@Component
class InstanceSwitch {

    private static final Logger log = LoggerFactory.getLogger(InstanceSwitch.class);

    /** Why an instance starts. */
    enum Launch {
        /** A freshly built version: a new instance, through {@link RuntimeDriver#run}. */
        NEW_VERSION,
        /** {@code POST .../start}: the current version again, through {@link RuntimeDriver#start}. */
        START_BY_REQUEST,
        /** Reconciliation found the serving instance stopped or gone. */
        RESTART
    }

    /** What the caller knew when it marked the lane {@code starting}. */
    record Expected(long generation, long stops) {
    }

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final RuntimeDriver driver;
    private final RoutePublisher routes;
    private final RouteProperties routeProperties;
    private final Specs specs;
    private final Retirement retirement;
    private final DeploymentRetention retention;
    private final Lanes lanes;
    private final Clock clock;

    InstanceSwitch(RecordStore records, Commits commits, BuildLogs logs, SelectedDriver driver, RoutePublisher routes,
                   RouteProperties routeProperties, Specs specs, Retirement retirement, DeploymentRetention retention,
                   Lanes lanes, Clock clock) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.driver = driver.get();
        this.routes = routes;
        this.routeProperties = routeProperties;
        this.specs = specs;
        this.retirement = retirement;
        this.retention = retention;
        this.lanes = lanes;
        this.clock = clock;
    }

    /**
     * Starts {@code deployment}'s instance and makes it serve. The caller has marked the lane
     * {@code starting} under its lock; this clears the mark. Returns the microservice as it ended,
     * or null when it was deleted meanwhile.
     */
    Microservice launch(Lane lane, StoredDeployment deployment, Launch how, Expected expected) {
        String id = deployment.id();
        BuildLog buildLog = lane.logOf(logs, id, expected.generation());
        RunningInstance instance;
        try {
            RunSpec spec = specs.run(deployment);
            instance = how == Launch.NEW_VERSION ? driver.run(spec, buildLog) : driver.start(spec, buildLog);
        } catch (DeployFailedException | IllegalStateException e) {
            return failed(lane, id, how, expected, e.getMessage());
        } catch (RuntimeException e) {
            return failed(lane, id, how, expected, "the runtime failed to start the instance: " + e.getMessage());
        }
        Outcome outcome = lane.locked(() -> decide(lane, id, how, expected, instance));
        switch (outcome.decision) {
            case ABANDON -> {
                log.info("the instance of {} ({}) started after its microservice was deleted; removing it", id,
                        lane.key());
                quietly(() -> driver.delete(new DeleteScope.OneDeployment(lane.key(), id)));
                logs.delete(id);
            }
            case STOP_AGAIN -> quietly(() -> driver.stop(instance.ref()));
            case SERVE -> {
                if (outcome.previous != null) {
                    retirement.drainThenRemove(outcome.previous, outcome.served);
                }
            }
            case LEAVE -> {
                // shutting down: the next start reconciles
            }
        }
        return outcome.microservice;
    }

    private enum Decision { SERVE, STOP_AGAIN, ABANDON, LEAVE }

    private record Outcome(Decision decision, Microservice microservice, StoredDeployment previous,
                           StoredDeployment served) {
    }

    private Outcome decide(Lane lane, String id, Launch how, Expected expected, RunningInstance instance) {
        lane.starting(null);
        if (lanes.closing()) {
            return new Outcome(Decision.LEAVE, null, null, null);
        }
        Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
        if (microservice == null || lane.generation() != expected.generation()) {
            return new Outcome(Decision.ABANDON, null, null, null);
        }
        StoredDeployment deployment = records.deployment(id).orElseThrow();
        boolean stopArrived = lane.stops() != expected.stops()
                || how == Launch.NEW_VERSION && microservice.status() == MicroserviceStatus.STOPPED
                || how == Launch.RESTART && microservice.route() == null;
        if (stopArrived) {
            log.info("a stop of {} came in while {} started; stopping it again", lane.key(), id);
            if (how == Launch.NEW_VERSION) {
                StoredDeployment previous = microservice.currentDeployment() == null ? null
                        : records.deployment(microservice.currentDeployment()).orElse(null);
                Change change = StatusChanges.stoppedWhileStarting(microservice, deployment, previous, instance,
                        clock.instant());
                commits.save(change);
                return new Outcome(Decision.STOP_AGAIN, change.microservice(), null, null);
            }
            return new Outcome(Decision.STOP_AGAIN, microservice, null, null);
        }
        if (how != Launch.NEW_VERSION && !id.equals(microservice.currentDeployment())) {
            log.info("start of {} of {} overtaken by {}; stopping it again", id, lane.key(),
                    microservice.currentDeployment());
            return new Outcome(Decision.STOP_AGAIN, microservice, null, null);
        }
        return switchRoute(microservice, deployment, instance);
    }

    /** Publishes the route to the new instance, then records it as serving and the previous one superseded. */
    private Outcome switchRoute(Microservice microservice, StoredDeployment deployment, RunningInstance instance) {
        Instant now = clock.instant();
        StoredDeployment previous = microservice.currentDeployment() == null
                || microservice.currentDeployment().equals(deployment.id()) ? null
                : records.deployment(microservice.currentDeployment()).orElse(null);
        String previousPath = microservice.route() != null ? microservice.route().path()
                : previous != null ? previous.path() : null;
        routes.publish(microservice.app(), microservice.name(), deployment.path(), instance.target(),
                deployment.id(), previousPath);
        MicroserviceRoute route = new MicroserviceRoute(deployment.path(),
                routeProperties.urlOf(microservice.app(), deployment.path()), instance.target().toString());
        Change change = StatusChanges.serving(microservice, deployment, previous, instance, route, now);
        commits.save(change);
        return new Outcome(Decision.SERVE, change.microservice(), previous, change.deployment());
    }

    private Microservice failed(Lane lane, String id, Launch how, Expected expected, String reason) {
        Microservice result = lane.locked(() -> {
            lane.starting(null);
            Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
            if (lanes.closing() || microservice == null || lane.generation() != expected.generation()) {
                return microservice;
            }
            StoredDeployment deployment = records.deployment(id).orElseThrow();
            Instant now = clock.instant();
            Change change = switch (how) {
                case NEW_VERSION -> StatusChanges.deployFailed(microservice, deployment, reason, now);
                case START_BY_REQUEST -> StatusChanges.startFailed(microservice, deployment, reason, now);
                case RESTART -> {
                    routes.remove(microservice.app(), microservice.route() == null ? deployment.path()
                            : microservice.route().path());
                    yield StatusChanges.didNotComeBack(microservice, deployment, reason, now);
                }
            };
            commits.save(change);
            return change.microservice();
        });
        retention.pruneQuietly(lane.key());
        return result;
    }

    private static void quietly(Runnable driverCall) {
        try {
            driverCall.run();
        } catch (RuntimeException e) {
            log.warn("runtime driver call failed; reconciliation retries it: {}", e.toString());
        }
    }
}
