package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.RollbackTargetsResponse;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.buildfarm.deployment.DeploymentIds;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.InstanceRef;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The one owner of every microservice's state machine: deploy (superseding what still waits), build and
 * run ({@link BuildQueue}), switch the route ({@link InstanceSwitch}), stop, start, delete, reconcile
 * after a restart and observe periodically ({@link Reconciliation}). What each change writes is in
 * {@link StatusChanges}.
 *
 * <p>Per microservice, decisions and record writes are serialised by its {@link Lane}; driver calls
 * happen outside it, so a slow driver delays only the work that waits for its answer. Reads of records
 * take no lock at all. Blocking: callers run it off the event loop.
 */
@Component
public class MicroserviceLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MicroserviceLifecycle.class);

    private final RecordStore records;
    private final Commits commits;
    private final Lanes lanes;
    private final BuildQueue queue;
    private final InstanceSwitch instances;
    private final Reconciliation reconciliation;
    private final RoutePublisher routes;
    private final RuntimeDriver driver;
    private final RegistryAccess registry;
    private final DeploymentIds ids;
    private final Clock clock;
    private final RollbackTargets rollbacks;

    MicroserviceLifecycle(RecordStore records, Commits commits, Lanes lanes, BuildQueue queue,
                          InstanceSwitch instances, Reconciliation reconciliation, RoutePublisher routes,
                          SelectedDriver driver, RegistryAccess registry, DeploymentIds ids, Clock clock,
                          RollbackTargets rollbacks) {
        this.records = records;
        this.commits = commits;
        this.lanes = lanes;
        this.queue = queue;
        this.instances = instances;
        this.reconciliation = reconciliation;
        this.routes = routes;
        this.driver = driver.get();
        this.registry = registry;
        this.ids = ids;
        this.clock = clock;
        this.rollbacks = rollbacks;
    }

    /** Records a queued deployment, supersedes the one still waiting, and makes sure a worker builds it. */
    public Deployment deploy(NewDeployment request) {
        MicroserviceKey key = request.microservice();
        Lane lane = lanes.of(key);
        return lane.locked(() -> {
            Instant now = clock.instant();
            String id = ids.next();
            StoredDeployment queued = new StoredDeployment(Deployment.queued(id, key.app(), key.name(),
                    request.artifact(), now), request.item(), request.path(), null, request.templateDigest());
            // The worker waits for this lock, so it sees the records saved below.
            String replaced = queue.enqueue(lane, id);
            StoredDeployment replacedRecord = replaced == null ? null : records.deployment(replaced).orElse(null);
            commits.save(StatusChanges.queued(records.microservice(key.app(), key.name()).orElse(null), queued,
                    replacedRecord, now));
            return queued.deployment();
        });
    }

    /** Removes the route first (the path answers 404 at once), records the stop, then stops the instance. */
    public Microservice stop(MicroserviceKey key) {
        Lane lane = lanes.of(key);
        record Stopped(Microservice microservice, InstanceRef instance) {
        }
        Stopped stopped = lane.locked(() -> {
            Microservice microservice = existing(key);
            lane.noteStop();
            if (microservice.status() == MicroserviceStatus.STOPPED) {
                return new Stopped(microservice, null);
            }
            if (microservice.route() != null) {
                routes.remove(key.app(), microservice.route().path());
            }
            StoredDeployment current = microservice.currentDeployment() == null ? null
                    : records.deployment(microservice.currentDeployment()).orElse(null);
            Change change = StatusChanges.stopped(microservice, current, clock.instant());
            commits.save(change);
            return new Stopped(change.microservice(), current == null ? null : current.instance());
        });
        if (stopped.instance() != null) {
            try {
                driver.stop(stopped.instance());
            } catch (RuntimeException e) {
                // Recorded as stopped and unrouted already; reconciliation stops the instance later.
                log.warn("cannot stop the instance of {} now: {}", key, e.toString());
            }
        }
        return stopped.microservice();
    }

    /** Runs the current deployment's image again, waits until it is ready, publishes the route. */
    public Microservice start(MicroserviceKey key) {
        Lane lane = lanes.of(key);
        record Plan(StoredDeployment deployment, InstanceSwitch.Expected expected) {
        }
        Plan plan = lane.locked(() -> {
            Microservice microservice = existing(key);
            if (lane.starting() != null) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.IN_PROGRESS, key, "deployment " + lane.starting()
                        + " of '" + key.name() + "' is starting; wait for it to finish", lane.starting());
            }
            if (microservice.status() == MicroserviceStatus.RUNNING) {
                return null;
            }
            if (microservice.status() == MicroserviceStatus.BUILDING || microservice.status() == MicroserviceStatus.BUILT) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.IN_PROGRESS, key, "deployment "
                        + microservice.latestDeployment() + " of '" + key.name() + "' is in progress and will run"
                        + " when ready; there is nothing to start", microservice.latestDeployment());
            }
            if (lane.workerActive()) {
                // Stopped during a build: the version being built is recorded stopped and runs on a start then.
                throw new LifecycleRefusal(LifecycleRefusal.Reason.IN_PROGRESS, key, "deployment "
                        + microservice.latestDeployment() + " of '" + key.name() + "' is still building; start it"
                        + " once it is built", microservice.latestDeployment());
            }
            StoredDeployment current = microservice.currentDeployment() == null ? null
                    : records.deployment(microservice.currentDeployment()).orElse(null);
            if (current == null || current.deployment().image() == null) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.NOTHING_TO_START, key, "'" + key.name()
                        + "' has no built deployment to start; deploy it first", null);
            }
            if (!StatusMachine.allows(current.status(), DeploymentStatus.RUNNING)) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.NOTHING_TO_START, key, "deployment " + current.id()
                        + " is " + current.status().wireName() + " and cannot run again; deploy again", current.id());
            }
            lane.starting(current.id());
            return new Plan(current, new InstanceSwitch.Expected(lane.generation(), lane.stops()));
        });
        if (plan == null) {
            return existing(key);
        }
        Microservice result = instances.launch(lane, plan.deployment(), InstanceSwitch.Launch.START_BY_REQUEST,
                plan.expected());
        if (result == null) {
            throw notFound(key);
        }
        return result;
    }

    /**
     * Runs an earlier deployment's image again, as a new deployment that skips the build: the same
     * readiness check and route switch as a deploy, and what serves keeps serving until it is ready.
     * {@code to}: the target, or null for the newest one older than the current deployment.
     */
    public Deployment rollback(MicroserviceKey key, String to) {
        Microservice seen = existing(key);
        if (seen.status() == MicroserviceStatus.STOPPED) {
            throw new LifecycleRefusal(LifecycleRefusal.Reason.STOPPED, key, "'" + key.name() + "' is stopped;"
                    + " start it, then roll back", null);
        }
        // The registry is asked without the lock; the decision below checks nothing moved meanwhile.
        StoredDeployment target = rollbacks.choose(seen, to);
        Lane lane = lanes.of(key);
        return lane.locked(() -> {
            Microservice microservice = existing(key);
            // A worker that is only wrapping up (its version already serves) takes the rollback next.
            String busy = lane.starting() != null ? lane.starting()
                    : lane.pending() != null ? lane.pending()
                    : microservice.status() == MicroserviceStatus.BUILDING
                    || microservice.status() == MicroserviceStatus.BUILT ? microservice.latestDeployment() : null;
            if (busy != null) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.IN_PROGRESS, key, "deployment " + busy + " of '"
                        + key.name() + "' is in progress; roll back once it has finished", busy);
            }
            if (!Objects.equals(microservice.currentDeployment(), seen.currentDeployment())
                    || microservice.status() == MicroserviceStatus.STOPPED) {
                throw new LifecycleRefusal(LifecycleRefusal.Reason.IN_PROGRESS, key, "'" + key.name() + "' changed"
                        + " while the rollback was being prepared; look at its status and try again", null);
            }
            Change change = StatusChanges.rollingBack(microservice, target, ids.next(), clock.instant());
            commits.save(change);
            StoredDeployment rollback = change.deployments().get(0);
            queue.enqueue(lane, rollback.id());
            log.info("rolling back {} to {} as {}", key, target.id(), rollback.id());
            return rollback.deployment();
        });
    }

    /** The current deployment and those a rollback can reach now, newest first. */
    public RollbackTargetsResponse rollbackTargets(MicroserviceKey key) {
        Microservice microservice = existing(key);
        return new RollbackTargetsResponse(microservice.currentDeployment(),
                rollbacks.reachable(microservice).stream().map(RollbackTargets::describe).toList());
    }

    /** Removes the route and the records at once, then the instances, the logs and the images. */
    public void delete(MicroserviceKey key) {
        Lane lane = lanes.of(key);
        Microservice deleted = lane.locked(() -> {
            Microservice microservice = existing(key);
            lane.invalidate();
            if (microservice.route() != null) {
                routes.remove(key.app(), microservice.route().path());
            }
            records.deleteMicroservice(key.app(), key.name());
            return microservice;
        });
        log.info("deleted {} (was {})", key, deleted.status().wireName());
        try {
            driver.delete(new DeleteScope.WholeMicroservice(key));
        } catch (RuntimeException e) {
            // The records and the route are gone already; the images still go below.
            log.warn("cannot remove the instances of {}: {}", key, e.toString());
        }
        try {
            registry.deleteAll(key);
        } catch (RuntimeException e) {
            log.warn("cannot delete the images of {} from the registry: {}", key, e.toString());
        }
    }

    /** Whether a worker of this process builds or runs something of the microservice right now. */
    public boolean busy(MicroserviceKey key) {
        Lane lane = lanes.of(key);
        return lane.locked(lane::busy);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reconcileAtStartUp() {
        log.info("reconciled {} microservices", reconcileAll(true));
    }

    @Scheduled(initialDelayString = "${skyport.build-farm.runtime.observe-interval:30s}",
            fixedDelayString = "${skyport.build-farm.runtime.observe-interval:30s}")
    public void observePeriodically() {
        reconcileAll(false);
    }

    private int reconcileAll(boolean startUp) {
        int count = 0;
        for (String app : records.apps()) {
            for (Microservice microservice : records.microservices(app)) {
                try {
                    reconciliation.reconcile(new MicroserviceKey(app, microservice.name()), startUp);
                    count++;
                } catch (RuntimeException e) {
                    log.warn("cannot reconcile {}/{}: {}", app, microservice.name(), e.toString());
                }
            }
        }
        return count;
    }

    private Microservice existing(MicroserviceKey key) {
        return records.microservice(key.app(), key.name()).orElseThrow(() -> notFound(key));
    }

    private static LifecycleRefusal notFound(MicroserviceKey key) {
        return new LifecycleRefusal(LifecycleRefusal.Reason.NOT_FOUND, key, "app '" + key.app()
                + "' has no microservice '" + key.name() + "'", null);
    }
}
