package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.Observation;
import dev.skyport.buildfarm.runtime.ObservedInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Brings records, instances and routes of one microservice back in line, in three steps so that the
 * driver is asked without the lane's lock: settle in-flight work (under the lock), observe (without it),
 * act on what was observed (decisions under the lock, driver calls after it).
 *
 * <p>At start-up no record stays {@code building}: the newest in-flight deployment is built again, or
 * failed with a reason when {@code resume-after-restart} is off; older ones end. Later, the same happens
 * to in-flight records no worker of this process owns (a worker lost to a Redis outage). Periodically,
 * a restarted instance's new address goes into its route, an instance that should serve and does not is
 * started again, and instances nothing serves are removed.
 */
@Component
class Reconciliation implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final Lanes lanes;
    private final BuildQueue queue;
    private final InstanceSwitch instances;
    private final RuntimeDriver driver;
    private final RoutePublisher routes;
    private final BuildProperties builds;
    private final DeploymentRetention retention;
    private final Clock clock;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "skyport-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    Reconciliation(RecordStore records, Commits commits, BuildLogs logs, Lanes lanes, BuildQueue queue,
                   InstanceSwitch instances, SelectedDriver driver, RoutePublisher routes, BuildProperties builds,
                   DeploymentRetention retention, Clock clock) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.lanes = lanes;
        this.queue = queue;
        this.instances = instances;
        this.driver = driver.get();
        this.routes = routes;
        this.builds = builds;
        this.retention = retention;
        this.clock = clock;
    }

    void reconcile(MicroserviceKey key, boolean startUp) {
        Lane lane = lanes.of(key);
        record Settled(long generation, String resumed) {
        }
        Settled settled = lane.locked(() -> {
            if (lane.busy() || lanes.closing()) {
                return null; // work in progress owns the microservice right now
            }
            Microservice microservice = records.microservice(key.app(), key.name()).orElse(null);
            if (microservice == null) {
                return null;
            }
            String resumed = settleInFlight(microservice, startUp ? Interruption.RESTART : Interruption.LOST);
            if (resumed != null) {
                // Queued now, so that a deploy meanwhile replaces it as usual; its worker starts only once
                // the leftovers below are gone (the flag keeps enqueue from starting one earlier).
                lane.replacePending(resumed);
                lane.workerActive(true);
            }
            return new Settled(lane.generation(), resumed);
        });
        if (settled == null) {
            return;
        }
        retention.pruneQuietly(key);
        try {
            Observation observation = driver.observe(key);
            removeOrphans(lane, observation, settled.resumed());
            act(lane, observation, settled.generation());
        } finally {
            if (settled.resumed() != null) {
                lane.withLock(() -> {
                    lane.workerActive(false);
                    if (lane.pending() != null) {
                        queue.enqueue(lane, lane.takePending());
                    }
                });
            }
        }
    }

    /** Returns the deployment to resume, or null. */
    private String settleInFlight(Microservice microservice, Interruption interruption) {
        List<StoredDeployment> inFlight = records.deployments(microservice.app(), microservice.name()).stream()
                .filter(d -> d.status().inFlight()).toList();
        if (inFlight.isEmpty()) {
            return null;
        }
        StoredDeployment newest = inFlight.get(inFlight.size() - 1);
        if (builds.resumeAfterRestart()) {
            logs.line(newest.id(), newest.status() == DeploymentStatus.BUILDING
                    ? interruption.duringBuild() + "; building again"
                    : interruption.beforeDeployment() + " started; starting it again");
        }
        commits.save(StatusChanges.interrupted(microservice, inFlight, interruption, builds.resumeAfterRestart(),
                clock.instant()));
        return builds.resumeAfterRestart() ? newest.id() : null;
    }

    /**
     * Instances no record serves (a crash between start and switch, a drain cut short) are removed,
     * including the one a resumed deployment left behind (a crash during its readiness wait): it is
     * started afresh under the same name, which the Engine refuses while the old one exists.
     */
    private void removeOrphans(Lane lane, Observation observation, String resumed) {
        String current = lane.locked(() -> records.microservice(lane.key().app(), lane.key().name())
                .map(Microservice::currentDeployment).orElse(null));
        for (ObservedInstance instance : observation.instances()) {
            String id = instance.ref().deploymentId();
            if (id.equals(current) || lane.locked(() -> id.equals(lane.starting()))) {
                continue;
            }
            log.info("removing instance of {} ({}): {}", id, lane.key(), id.equals(resumed)
                    ? "left by an interrupted start; starting it afresh" : "no record serves it");
            driver.delete(new DeleteScope.OneDeployment(lane.key(), id));
        }
    }

    /** What to do about the current deployment's instance, decided under the lock. */
    private enum Action { NOTHING, STOP_IT, RESTART_IT }

    /** The current deployment should run at its route's target when the microservice serves, and not otherwise. */
    private void act(Lane lane, Observation observation, long generation) {
        record Plan(Action action, ObservedInstance instance, StoredDeployment deployment, long stops) {
        }
        Plan plan = lane.locked(() -> {
            Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
            // A worker may be about to start a new version: never start a second instance beside it.
            if (microservice == null || lane.generation() != generation || lane.busy()) {
                return new Plan(Action.NOTHING, null, null, 0);
            }
            Optional<ObservedInstance> current = microservice.currentDeployment() == null ? Optional.empty()
                    : observation.of(microservice.currentDeployment());
            boolean running = current.isPresent() && current.get().running();
            MicroserviceRoute route = microservice.route();
            if (route == null) {
                removeLeftoverRoutes(microservice);
                return microservice.status() == MicroserviceStatus.STOPPED && running
                        ? new Plan(Action.STOP_IT, current.get(), null, 0) : new Plan(Action.NOTHING, null, null, 0);
            }
            if (running) {
                followTarget(microservice, route, current.get().target());
                return new Plan(Action.NOTHING, null, null, 0);
            }
            StoredDeployment deployment = records.deployment(microservice.currentDeployment()).orElse(null);
            if (deployment == null) {
                return new Plan(Action.NOTHING, null, null, 0);
            }
            lane.starting(deployment.id());
            return new Plan(Action.RESTART_IT, null, deployment, lane.stops());
        });
        switch (plan.action()) {
            case STOP_IT -> {
                log.info("{} is stopped but its instance runs; stopping it", lane.key());
                driver.stop(plan.instance().ref());
            }
            case RESTART_IT -> {
                try {
                    restarts.execute(() -> instances.launch(lane, plan.deployment(), InstanceSwitch.Launch.RESTART,
                            new InstanceSwitch.Expected(generation, plan.stops())));
                } catch (RejectedExecutionException shuttingDown) {
                    lane.withLock(() -> lane.starting(null));
                }
            }
            case NOTHING -> {
            }
        }
    }

    /** Nothing should serve: a route left behind (a crash between the two writes) goes. */
    private void removeLeftoverRoutes(Microservice microservice) {
        Map<String, RouteRecord> stored = routes.routes(microservice.app());
        List<String> leftovers = new ArrayList<>();
        stored.forEach((prefix, record) -> {
            if (record.service().equals(microservice.name())) {
                leftovers.add(prefix);
            }
        });
        leftovers.forEach(prefix -> routes.remove(microservice.app(), prefix));
    }

    /** A restarted instance may answer at a new address: the route follows it. */
    private void followTarget(Microservice microservice, MicroserviceRoute route, URI target) {
        RouteRecord published = routes.routes(microservice.app()).get(route.path());
        if (target.toString().equals(route.target()) && published != null && published.target().equals(target)) {
            return;
        }
        log.info("{}/{} now answers at {}; updating its route", microservice.app(), microservice.name(), target);
        routes.publish(microservice.app(), microservice.name(), route.path(), target,
                microservice.currentDeployment(), null);
        commits.save(microservice.withRoute(new MicroserviceRoute(route.path(), route.url(), target.toString()),
                clock.instant()));
    }

    @Override
    public void destroy() {
        restarts.shutdownNow();
    }
}
