package dev.skyport.buildfarm.pipeline;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuiltImage;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Builds and runs deployments: one worker per microservice with work (so builds of a microservice run
 * one after the other), at most {@code max-parallel} builds at once overall.
 *
 * <p>For each deployment: {@code queued → building} (holding a build slot) {@code → built | build_failed},
 * then {@code built → running | deploy_failed} (without a slot), switching the route only once the new
 * instance is ready. Every record change happens under the microservice's lane lock and is skipped
 * when the microservice was deleted meanwhile (its lane generation moved on).
 *
 * <p>When the build farm shuts down, work stops without writing anything: the next start reconciles.
 */
@Component
public class DeploymentPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeploymentPipeline.class);

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final RuntimeDriver driver;
    private final RegistryAccess registry;
    private final Specs specs;
    private final Serving serving;
    private final DeploymentRetention retention;
    private final Clock clock;
    private final Semaphore buildSlots;
    private final ExecutorService workers;
    private final Lanes lanes;
    private volatile boolean closing;

    public DeploymentPipeline(RecordStore records, Commits commits, BuildLogs logs, RuntimeDriver driver,
                              RegistryAccess registry, Specs specs, Serving serving,
                              DeploymentRetention retention, Clock clock, BuildProperties properties, Lanes lanes) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.driver = driver;
        this.registry = registry;
        this.specs = specs;
        this.serving = serving;
        this.retention = retention;
        this.clock = clock;
        this.lanes = lanes;
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
    public String enqueue(MicroserviceLane lane, String deploymentId) {
        String replaced = lane.replacePending(deploymentId);
        if (!lane.workerActive() && !closing) {
            lane.workerActive(true);
            workers.execute(() -> work(lane));
        }
        return replaced;
    }

    private void work(MicroserviceLane lane) {
        try {
            while (!closing) {
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
            if (!closing) {
                log.error("the pipeline of {} failed unexpectedly", lane.key(), e);
            }
        } finally {
            lane.withLock(() -> {
                lane.workerActive(false);
                lane.activeBuild(null);
                lane.starting(null);
                if (lane.pending() != null && !closing) {
                    enqueue(lane, lane.takePending());
                }
            });
        }
    }

    /** One deployment: build (unless it was built before a restart), then run. */
    private void process(MicroserviceLane lane) throws InterruptedException {
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
                job = new Job(built, job.generation);
            }
        } finally {
            buildSlots.release();
        }
        runAndServe(lane, job);
    }

    private record Job(StoredDeployment deployment, long generation) {
    }

    /** Takes the pending deployment and marks it building (or keeps it built, to run it). */
    private Job take(MicroserviceLane lane) {
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
            return new Job(deployment, lane.generation());
        }
        if (deployment.status() != DeploymentStatus.QUEUED) {
            return null;
        }
        Instant now = clock.instant();
        StoredDeployment building = deployment.moveTo(DeploymentStatus.BUILDING,
                "building image " + registry.repository(lane.key()) + ":" + id, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment()) && microservice.status() != MicroserviceStatus.STOPPED) {
            updated = microservice.moveTo(MicroserviceStatus.BUILDING, "building " + id, now);
        }
        commits.save(updated, building);
        BuildCancellation cancellation = new BuildCancellation();
        lane.activeBuild(cancellation);
        return new Job(building, lane.generation());
    }

    /** Builds, pushes, verifies; returns the deployment as built, or null when it failed or was abandoned. */
    private StoredDeployment build(MicroserviceLane lane, Job job) {
        String id = job.deployment.id();
        BuildLog buildLog = logFor(lane, job);
        BuildCancellation cancellation = lane.locked(lane::activeBuild);
        BuiltImage image;
        try {
            image = driver.build(specs.build(job.deployment), buildLog, cancellation);
        } catch (BuildFailedException | IllegalStateException e) {
            if (closing) {
                return null;
            }
            lane.withLock(() -> {
                lane.activeBuild(null);
                if (lane.generation() != job.generation) {
                    logs.delete(id);
                    return;
                }
                failBuild(lane, id, e.getMessage());
            });
            cleanUpQuietly(lane, id);
            retention.pruneQuietly(lane.key());
            return null;
        }
        return lane.locked(() -> {
            lane.activeBuild(null);
            if (closing) {
                return null;
            }
            if (lane.generation() != job.generation) {
                abandon(lane, id, true);
                return null;
            }
            return markBuilt(lane, id, image);
        });
    }

    private void failBuild(MicroserviceLane lane, String id, String reason) {
        Instant now = clock.instant();
        StoredDeployment deployment = records.deployment(id).orElseThrow();
        Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElseThrow();
        StoredDeployment failed = deployment.moveTo(DeploymentStatus.BUILD_FAILED, reason, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment())) {
            String serving = microservice.route() != null ? "; still serving " + microservice.currentDeployment()
                    : "";
            updated = microservice.status() == MicroserviceStatus.STOPPED
                    ? microservice.moveTo(MicroserviceStatus.STOPPED, "stopped; the build of " + id + " failed", now)
                    : microservice.moveTo(MicroserviceStatus.BUILD_FAILED, "the build of " + id + " failed"
                    + serving, now);
        }
        commits.save(updated, failed);
    }

    private StoredDeployment markBuilt(MicroserviceLane lane, String id, BuiltImage image) {
        Instant now = clock.instant();
        StoredDeployment deployment = records.deployment(id).orElseThrow();
        Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElseThrow();
        StoredDeployment built = deployment.withImage(image.byDigest(), now)
                .moveTo(DeploymentStatus.BUILT, "built and pushed " + image.byDigest() + "; starting it", now);
        if (microservice.status() == MicroserviceStatus.STOPPED) {
            StoredDeployment stopped = built.moveTo(DeploymentStatus.STOPPED,
                    "built; not started because the microservice is stopped (start runs this version)", now);
            commits.save(microservice.serving(id, image.byDigest(), null, now)
                    .moveTo(MicroserviceStatus.STOPPED, "stopped; " + id + " is built and runs on start", now), stopped);
            return null;
        }
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment())) {
            updated = microservice.moveTo(MicroserviceStatus.BUILT, "built " + id + "; starting it", now);
        }
        commits.save(updated, built);
        return built;
    }

    private void runAndServe(MicroserviceLane lane, Job job) {
        String id = job.deployment.id();
        BuildLog buildLog = logFor(lane, job);
        boolean current = lane.locked(() -> {
            if (lane.generation() != job.generation) {
                return false;
            }
            lane.starting(id);
            return true;
        });
        if (!current) {
            return;
        }
        RunningInstance instance;
        try {
            instance = driver.run(specs.run(job.deployment), buildLog);
        } catch (DeployFailedException | IllegalStateException e) {
            lane.withLock(() -> {
                lane.starting(null);
                if (!closing && lane.generation() == job.generation) {
                    failDeploy(lane, id, e.getMessage());
                }
            });
            retention.pruneQuietly(lane.key());
            return;
        } catch (RuntimeException e) {
            lane.withLock(() -> {
                lane.starting(null);
                if (!closing && lane.generation() == job.generation) {
                    failDeploy(lane, id, "the runtime failed to start the instance: " + e.getMessage());
                }
            });
            retention.pruneQuietly(lane.key());
            return;
        }
        lane.withLock(() -> {
            lane.starting(null);
            if (closing) {
                return;
            }
            if (lane.generation() != job.generation) {
                abandon(lane, id, false);
                return;
            }
            Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElseThrow();
            StoredDeployment deployment = records.deployment(id).orElseThrow();
            if (microservice.status() == MicroserviceStatus.STOPPED) {
                // A stop arrived while the instance was starting: it wins.
                driver.stop(instance.ref());
                Instant now = clock.instant();
                commits.save(microservice.serving(id, deployment.deployment().image(), null, now),
                        deployment.withInstance(instance.ref()).moveTo(DeploymentStatus.STOPPED,
                                "started, then stopped at the microservice's request", now));
                return;
            }
            serving.switchTo(microservice, deployment, instance);
        });
    }

    private void failDeploy(MicroserviceLane lane, String id, String reason) {
        Instant now = clock.instant();
        StoredDeployment deployment = records.deployment(id).orElseThrow();
        Microservice microservice = records.microservice(lane.key().app(), lane.key().name()).orElseThrow();
        StoredDeployment failed = deployment.moveTo(DeploymentStatus.DEPLOY_FAILED, reason, now);
        Microservice updated = microservice;
        if (id.equals(microservice.latestDeployment()) && microservice.status() != MicroserviceStatus.STOPPED) {
            String serving = microservice.route() != null ? "; still serving " + microservice.currentDeployment()
                    : "";
            updated = microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED, id + " did not become ready" + serving,
                    now);
        }
        commits.save(updated, failed);
    }

    /** The microservice was deleted while this deployment was in progress: remove what it made. */
    private void abandon(MicroserviceLane lane, String id, boolean alsoRegistry) {
        log.info("deployment {} of {} finished after its microservice was deleted; removing what it made", id,
                lane.key());
        cleanUpQuietly(lane, id);
        logs.delete(id);
        if (alsoRegistry) {
            try {
                registry.deleteAll(lane.key());
            } catch (RuntimeException e) {
                log.warn("cannot delete the images of {} from the registry: {}", lane.key(), e.toString());
            }
        }
    }

    /** The deployment's log, which goes quiet once its microservice is deleted (so the stream stays gone). */
    private BuildLog logFor(MicroserviceLane lane, Job job) {
        String id = job.deployment.id();
        return line -> {
            if (lane.generation() == job.generation) {
                logs.line(id, line);
            }
        };
    }

    private void cleanUpQuietly(MicroserviceLane lane, String id) {
        try {
            driver.delete(new DeleteScope.OneDeployment(lane.key(), id));
        } catch (RuntimeException e) {
            log.warn("cannot clean up after deployment {}: {}", id, e.toString());
        }
    }

    /** Whether the build farm is shutting down (work in progress is left for the next start to reconcile). */
    public boolean closing() {
        return closing;
    }

    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        for (MicroserviceLane lane : lanes.all()) {
            lane.withLock(() -> {
                if (lane.activeBuild() != null) {
                    lane.activeBuild().cancel();
                }
            });
        }
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
