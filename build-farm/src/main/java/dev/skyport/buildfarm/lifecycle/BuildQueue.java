package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.ManifestCheck;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuiltImage;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Builds and runs deployments: one worker per microservice with work (so builds of a microservice run
 * one after the other; a newer deploy replaces the one still waiting), at most {@code max-parallel}
 * builds at once overall.
 *
 * <p>For each deployment: {@code queued → building} (holding a build slot) {@code → built | build_failed},
 * then {@link InstanceSwitch} ({@code → running | deploy_failed}, without a slot). The driver builds and
 * {@link ManifestCheck} verifies outside the lane's lock; the records change under it, and not at all
 * when the microservice was deleted meanwhile.
 */
@Component
class BuildQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BuildQueue.class);

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final RuntimeDriver driver;
    private final ManifestCheck manifests;
    private final RegistryAccess registry;
    private final Specs specs;
    private final InstanceSwitch instances;
    private final DeploymentRetention retention;
    private final Lanes lanes;
    private final Clock clock;
    private final Semaphore buildSlots;
    private final ExecutorService workers;

    BuildQueue(RecordStore records, Commits commits, BuildLogs logs, SelectedDriver driver, ManifestCheck manifests,
               RegistryAccess registry, Specs specs, InstanceSwitch instances, DeploymentRetention retention,
               Lanes lanes, Clock clock, BuildProperties properties) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.driver = driver.get();
        this.manifests = manifests;
        this.registry = registry;
        this.specs = specs;
        this.instances = instances;
        this.retention = retention;
        this.lanes = lanes;
        this.clock = clock;
        this.buildSlots = new Semaphore(properties.maxParallel(), true);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "skyport-pipeline-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * With the lane's lock held: makes {@code deploymentId} the next deployment of the microservice and
     * makes sure a worker runs. Returns the deployment it replaced (still queued), or null.
     */
    String enqueue(Lane lane, String deploymentId) {
        String replaced = lane.replacePending(deploymentId);
        if (!lane.workerActive() && !lanes.closing()) {
            lane.workerActive(true);
            workers.execute(() -> work(lane));
        }
        return replaced;
    }

    private void work(Lane lane) {
        try {
            while (!lanes.closing()) {
                boolean hasWork = lane.locked(() -> {
                    if (lane.pending() == null) {
                        lane.workerActive(false);
                        return false;
                    }
                    return true;
                });
                if (!hasWork) {
                    return;
                }
                process(lane);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!lanes.closing()) {
                log.error("the pipeline of {} failed unexpectedly", lane.key(), e);
            }
        } finally {
            lane.withLock(() -> {
                lane.workerActive(false);
                lane.activeBuild(null);
                if (lane.pending() != null && !lanes.closing()) {
                    enqueue(lane, lane.takePending());
                }
            });
        }
    }

    private record Job(StoredDeployment deployment, long generation, long stops) {
    }

    /** One deployment: build (unless it was built before a restart), then run. */
    private void process(Lane lane) throws InterruptedException {
        buildSlots.acquire();
        Job job;
        try {
            job = lane.locked(() -> take(lane));
            if (job == null) {
                return;
            }
            if (job.deployment.status() == DeploymentStatus.BUILDING) {
                StoredDeployment built = build(lane, job);
                if (built == null) {
                    return;
                }
                job = new Job(built, job.generation, job.stops);
            }
        } finally {
            buildSlots.release();
        }
        Job toRun = job;
        boolean current = lane.locked(() -> {
            if (lane.generation() != toRun.generation || lanes.closing()) {
                return false;
            }
            lane.starting(toRun.deployment.id());
            return true;
        });
        if (current) {
            instances.launch(lane, toRun.deployment, InstanceSwitch.Launch.NEW_VERSION,
                    new InstanceSwitch.Expected(toRun.generation, toRun.stops));
        }
    }

    /** Takes the pending deployment and marks it building (or keeps it built, to run it). */
    private Job take(Lane lane) {
        String id = lane.takePending();
        if (id == null) {
            return null;
        }
        StoredDeployment deployment = records.deployment(id).orElse(null);
        Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElse(null);
        if (deployment == null || microservice == null) {
            return null;
        }
        if (deployment.status() == DeploymentStatus.BUILT) {
            return new Job(deployment, lane.generation(), lane.stops());
        }
        if (deployment.status() != DeploymentStatus.QUEUED) {
            return null;
        }
        Change change = StatusChanges.building(microservice, deployment,
                registry.repository(lane.key()) + ":" + id, clock.instant());
        commits.save(change);
        lane.activeBuild(new BuildCancellation());
        return new Job(change.deployment(), lane.generation(), lane.stops());
    }

    /** Builds, pushes, verifies; returns the deployment as built, or null when it failed or was abandoned. */
    private StoredDeployment build(Lane lane, Job job) {
        String id = job.deployment.id();
        BuildCancellation cancellation = lane.locked(lane::activeBuild);
        BuiltImage image;
        try {
            var pushed = driver.build(specs.build(job.deployment), lane.logOf(logs, id, job.generation), cancellation);
            image = manifests.verify(lane.key(), pushed);
            lane.logOf(logs, id, job.generation).line("the registry holds " + image.byDigest());
        } catch (DataAccessException redisDown) {
            throw redisDown; // the worker stops; reconciliation resumes the deployment once Redis is back
        } catch (RuntimeException e) {
            if (lanes.closing()) {
                return null;
            }
            String reason = e instanceof BuildFailedException || e instanceof IllegalStateException ? e.getMessage()
                    : "the runtime failed to build: " + e;
            boolean deleted = lane.locked(() -> {
                lane.activeBuild(null);
                if (lane.generation() != job.generation) {
                    return true;
                }
                commits.save(StatusChanges.buildFailed(microservice(lane), records.deployment(id).orElseThrow(),
                        reason, clock.instant()));
                return false;
            });
            if (deleted) {
                logs.delete(id);
            }
            cleanUpQuietly(lane, id);
            retention.pruneQuietly(lane.key());
            return null;
        }
        StoredDeployment built = lane.locked(() -> {
            lane.activeBuild(null);
            if (lanes.closing() || lane.generation() != job.generation) {
                return null;
            }
            Microservice microservice = microservice(lane);
            Change change = StatusChanges.built(microservice, records.deployment(id).orElseThrow(),
                    current(microservice), image.byDigest(), clock.instant());
            commits.save(change);
            return change.deployment().status() == DeploymentStatus.BUILT ? change.deployment() : null;
        });
        if (built == null && !lanes.closing() && lane.generation() != job.generation) {
            abandon(lane, id);
        }
        return built;
    }

    private Microservice microservice(Lane lane) {
        return records.microservice(lane.key().app(), lane.key().name()).orElseThrow();
    }

    private StoredDeployment current(Microservice microservice) {
        return microservice.currentDeployment() == null ? null
                : records.deployment(microservice.currentDeployment()).orElse(null);
    }

    /** The microservice was deleted while this deployment built: remove what the build made. */
    private void abandon(Lane lane, String id) {
        log.info("deployment {} of {} finished building after its microservice was deleted; removing what it made",
                id, lane.key());
        cleanUpQuietly(lane, id);
        logs.delete(id);
        try {
            registry.deleteAll(lane.key());
        } catch (RuntimeException e) {
            log.warn("cannot delete the images of {} from the registry: {}", lane.key(), e.toString());
        }
    }

    private void cleanUpQuietly(Lane lane, String id) {
        try {
            driver.delete(new DeleteScope.OneDeployment(lane.key(), id));
        } catch (RuntimeException e) {
            log.warn("cannot clean up after deployment {}: {}", id, e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        lanes.close();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
