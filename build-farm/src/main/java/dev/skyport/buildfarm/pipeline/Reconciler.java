package dev.skyport.buildfarm.pipeline;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.api.route.RouteRecord;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.Observation;
import dev.skyport.buildfarm.runtime.ObservedInstance;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings records, instances and routes back in line: at start-up (no record stays {@code building}:
 * the newest in-flight deployment of each microservice is built again, or failed with a reason when
 * {@code resume-after-restart} is off; older ones are superseded), and periodically (a restarted
 * container may have a new host port; its route follows).
 */
@Component
public class Reconciler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final Lanes lanes;
    private final DeploymentPipeline pipeline;
    private final RuntimeDriver driver;
    private final RoutePublisher routes;
    private final Serving serving;
    private final Specs specs;
    private final BuildProperties builds;
    private final DeploymentRetention retention;
    private final Clock clock;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "skyport-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    public Reconciler(RecordStore records, Commits commits, BuildLogs logs, Lanes lanes, DeploymentPipeline pipeline,
                      RuntimeDriver driver, RoutePublisher routes, Serving serving, Specs specs,
                      BuildProperties builds, DeploymentRetention retention, Clock clock) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.lanes = lanes;
        this.pipeline = pipeline;
        this.driver = driver;
        this.routes = routes;
        this.serving = serving;
        this.specs = specs;
        this.builds = builds;
        this.retention = retention;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        int count = 0;
        for (String app : records.apps()) {
            for (Microservice microservice : records.microservices(app)) {
                try {
                    reconcile(new MicroserviceKey(app, microservice.name()), true);
                    count++;
                } catch (RuntimeException e) {
                    log.error("cannot reconcile {}/{}", app, microservice.name(), e);
                }
            }
        }
        log.info("reconciled {} microservices", count);
    }

    @Scheduled(initialDelayString = "${skyport.build-farm.runtime.observe-interval:30s}",
            fixedDelayString = "${skyport.build-farm.runtime.observe-interval:30s}")
    public void periodically() {
        for (String app : records.apps()) {
            for (Microservice microservice : records.microservices(app)) {
                try {
                    reconcile(new MicroserviceKey(app, microservice.name()), false);
                } catch (RuntimeException e) {
                    log.warn("cannot observe {}/{}: {}", app, microservice.name(), e.toString());
                }
            }
        }
    }

    /**
     * One microservice. In-flight deployments are settled at start-up, and later whenever no work of
     * this process owns the microservice: then an in-flight record is one whose worker died (a Redis
     * outage longer than the client timeout stops a worker between two writes) and would otherwise
     * stay {@code building} until the next restart.
     */
    public void reconcile(MicroserviceKey key, boolean startUp) {
        MicroserviceLane lane = lanes.of(key);
        lane.withLock(() -> {
            if (!startUp && (lane.workerActive() || lane.starting() != null || pipeline.closing())) {
                return; // work in progress owns the microservice right now
            }
            Microservice microservice = records.microservice(key.app(), key.name()).orElse(null);
            if (microservice == null) {
                return;
            }
            String resumed = settleInFlight(lane, microservice, startUp ? Interruption.RESTART : Interruption.LOST);
            retention.pruneQuietly(key);
            microservice = records.microservice(key.app(), key.name()).orElseThrow();
            Observation observation = driver.observe(key);
            removeOrphans(key, microservice, observation, resumed);
            keepServing(lane, microservice, observation);
            if (resumed != null) {
                pipeline.enqueue(lane, resumed);
            }
        });
    }

    /** What interrupted in-flight work, in the words its log and records use. */
    private enum Interruption {
        RESTART("the build farm restarted during this build", "the build farm restarted before this build",
                "the build farm restarted before this deployment", "a build farm restart"),
        LOST("the build farm lost this build's worker (e.g. Redis was unreachable)",
                "the build farm lost this build's worker (e.g. Redis was unreachable) before it",
                "the build farm lost this deployment's worker (e.g. Redis was unreachable) before it",
                "a lost worker (e.g. Redis was unreachable)");

        private final String duringBuild;
        private final String beforeBuild;
        private final String beforeDeployment;
        private final String byWhat;

        Interruption(String duringBuild, String beforeBuild, String beforeDeployment, String byWhat) {
            this.duringBuild = duringBuild;
            this.beforeBuild = beforeBuild;
            this.beforeDeployment = beforeDeployment;
            this.byWhat = byWhat;
        }
    }

    /** Returns the deployment to resume, or null. */
    private String settleInFlight(MicroserviceLane lane, Microservice microservice, Interruption interruption) {
        List<StoredDeployment> inFlight = records.deployments(microservice.app(), microservice.name()).stream()
                .filter(d -> d.status().inFlight()).toList();
        if (inFlight.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        StoredDeployment newest = inFlight.get(inFlight.size() - 1);
        List<StoredDeployment> changed = new ArrayList<>();
        for (StoredDeployment older : inFlight.subList(0, inFlight.size() - 1)) {
            changed.add(older.status() == DeploymentStatus.BUILDING
                    ? older.moveTo(DeploymentStatus.BUILD_FAILED, interruption.duringBuild + ", and "
                    + newest.id() + " is newer; not building it again", now)
                    : older.moveTo(DeploymentStatus.SUPERSEDED, interruption.beforeDeployment
                    + " finished, and " + newest.id() + " is newer", now));
        }
        Microservice updated = microservice;
        String resumed = null;
        boolean isLatest = newest.id().equals(microservice.latestDeployment());
        if (builds.resumeAfterRestart()) {
            if (newest.status() == DeploymentStatus.BUILDING) {
                logs.line(newest.id(), interruption.duringBuild + "; building again");
                changed.add(newest.moveTo(DeploymentStatus.QUEUED, interruption.duringBuild
                        + "; queued to build again", now));
            } else if (newest.status() == DeploymentStatus.BUILT) {
                logs.line(newest.id(), interruption.beforeDeployment + " started; starting it again");
            }
            resumed = newest.id();
        } else if (newest.status() == DeploymentStatus.BUILT) {
            changed.add(newest.moveTo(DeploymentStatus.DEPLOY_FAILED, interruption.beforeDeployment
                    + " started; deploy again", now));
            if (isLatest && microservice.status() != MicroserviceStatus.STOPPED) {
                updated = microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED, newest.id() + " was interrupted by "
                        + interruption.byWhat + "; deploy again", now);
            }
        } else {
            changed.add(newest.moveTo(DeploymentStatus.BUILD_FAILED, interruption.beforeBuild
                    + " finished; deploy again", now));
            if (isLatest && microservice.status() != MicroserviceStatus.STOPPED) {
                updated = microservice.moveTo(MicroserviceStatus.BUILD_FAILED, "the build of " + newest.id()
                        + " was interrupted by " + interruption.byWhat + "; deploy again", now);
            }
        }
        commits.save(updated, changed.toArray(StoredDeployment[]::new));
        return resumed;
    }

    /**
     * Instances no record serves (a crash between start and switch, a drain cut short) are removed,
     * including the one a resumed deployment left behind (a crash during its readiness wait): it is
     * started afresh under the same container name, which the Engine refuses while the old one exists.
     */
    private void removeOrphans(MicroserviceKey key, Microservice microservice, Observation observation,
                               String resumed) {
        for (ObservedInstance instance : observation.instances()) {
            String id = instance.ref().deploymentId();
            if (id.equals(microservice.currentDeployment())) {
                continue;
            }
            log.info("removing instance of {} ({}): {}", id, key, id.equals(resumed)
                    ? "left by an interrupted start; starting it afresh" : "no record serves it");
            driver.delete(new DeleteScope.OneDeployment(key, id));
        }
    }

    /** The current deployment of a microservice that should serve must run, at the route's target. */
    private void keepServing(MicroserviceLane lane, Microservice microservice, Observation observation) {
        MicroserviceRoute route = microservice.route();
        Map<String, RouteRecord> stored = routes.routes(microservice.app());
        if (route == null) {
            // Nothing should serve: a route left behind (a crash between the two writes) goes.
            stored.forEach((prefix, record) -> {
                if (record.service().equals(microservice.name())) {
                    routes.remove(microservice.app(), prefix);
                }
            });
            return;
        }
        Optional<ObservedInstance> current = observation.of(microservice.currentDeployment());
        if (current.isPresent() && current.get().running()) {
            URI target = current.get().target();
            RouteRecord published = stored.get(route.path());
            if (!target.toString().equals(route.target()) || published == null
                    || !published.target().equals(target)) {
                log.info("{}/{} now answers at {}; updating its route", microservice.app(), microservice.name(),
                        target);
                routes.publish(microservice.app(), microservice.name(), route.path(), target,
                        microservice.currentDeployment(), null);
                commits.save(microservice.withRoute(new MicroserviceRoute(route.path(), route.url(),
                        target.toString()), clock.instant()));
            }
            return;
        }
        if (lane.starting() != null) {
            return;
        }
        StoredDeployment deployment = records.deployment(microservice.currentDeployment()).orElse(null);
        if (deployment == null) {
            return;
        }
        long generation = lane.generation();
        lane.starting(deployment.id());
        restarts.execute(() -> restart(lane, deployment, generation));
    }

    /** Runs the instance that should serve again (it stopped or vanished while the build farm was away). */
    private void restart(MicroserviceLane lane, StoredDeployment deployment, long generation) {
        String id = deployment.id();
        try {
            RunningInstance instance = driver.start(specs.run(deployment), line -> {
                if (lane.generation() == generation) {
                    logs.line(id, line);
                }
            });
            lane.withLock(() -> {
                Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
                if (microservice == null || lane.generation() != generation) {
                    driver.delete(new DeleteScope.OneDeployment(lane.key(), id));
                    logs.delete(id);
                    return;
                }
                if (!id.equals(microservice.currentDeployment()) || microservice.route() == null) {
                    driver.stop(instance.ref());
                    return;
                }
                serving.switchTo(microservice, records.deployment(id).orElseThrow(), instance);
            });
        } catch (DeployFailedException | IllegalStateException e) {
            lane.withLock(() -> {
                Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
                if (microservice == null || lane.generation() != generation) {
                    return;
                }
                Instant now = clock.instant();
                routes.remove(microservice.app(), microservice.route() == null ? deployment.path()
                        : microservice.route().path());
                StoredDeployment current = records.deployment(id).orElseThrow();
                Microservice cleared = microservice.withRoute(null, now);
                String message = id + " stopped and did not come back: " + e.getMessage();
                cleared = StatusMachine.allows(cleared.status(), MicroserviceStatus.DEPLOY_FAILED)
                        ? cleared.moveTo(MicroserviceStatus.DEPLOY_FAILED, message, now)
                        : cleared.moveTo(cleared.status(), message, now);
                commits.save(cleared, current.moveTo(DeploymentStatus.DEPLOY_FAILED,
                        "did not come back after it stopped: " + e.getMessage(), now));
            });
        } finally {
            lane.withLock(() -> lane.starting(null));
        }
    }

    @Override
    public void destroy() {
        restarts.shutdownNow();
    }
}
