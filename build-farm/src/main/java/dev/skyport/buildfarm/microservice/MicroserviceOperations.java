package dev.skyport.buildfarm.microservice;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.buildfarm.deployment.Names;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.pipeline.Commits;
import dev.skyport.buildfarm.pipeline.Lanes;
import dev.skyport.buildfarm.pipeline.MicroserviceLane;
import dev.skyport.buildfarm.pipeline.Serving;
import dev.skyport.buildfarm.pipeline.Specs;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Reading, stopping, starting and deleting microservices. Blocking; controllers run it off the event loop. */
@Component
public class MicroserviceOperations {

    private static final Logger log = LoggerFactory.getLogger(MicroserviceOperations.class);

    private final RecordStore records;
    private final Commits commits;
    private final BuildLogs logs;
    private final Lanes lanes;
    private final RoutePublisher routes;
    private final RuntimeDriver driver;
    private final RegistryAccess registry;
    private final Serving serving;
    private final Specs specs;
    private final Clock clock;

    public MicroserviceOperations(RecordStore records, Commits commits, BuildLogs logs, Lanes lanes,
                                  RoutePublisher routes, RuntimeDriver driver, RegistryAccess registry,
                                  Serving serving, Specs specs, Clock clock) {
        this.records = records;
        this.commits = commits;
        this.logs = logs;
        this.lanes = lanes;
        this.routes = routes;
        this.driver = driver;
        this.registry = registry;
        this.serving = serving;
        this.specs = specs;
        this.clock = clock;
    }

    public List<Microservice> list(String app) {
        return records.microservices(Names.requireApp(app));
    }

    public Microservice get(String app, String name) {
        Names.requireApp(app);
        Names.requireMicroservice(name);
        return records.microservice(app, name).orElseThrow(() -> notFound(app, name));
    }

    /** Removes the route first (the path answers 404 at once), then stops the instance. */
    public Microservice stop(String app, String name) {
        get(app, name);
        MicroserviceLane lane = lanes.of(new MicroserviceKey(app, name));
        return lane.locked(() -> {
            Microservice microservice = records.microservice(app, name).orElseThrow(() -> notFound(app, name));
            lane.noteStop();
            if (microservice.status() == MicroserviceStatus.STOPPED) {
                return microservice;
            }
            Instant now = clock.instant();
            if (microservice.route() != null) {
                routes.remove(app, microservice.route().path());
            }
            StoredDeployment current = microservice.currentDeployment() == null ? null
                    : records.deployment(microservice.currentDeployment()).orElse(null);
            if (current != null && current.instance() != null) {
                driver.stop(current.instance());
            }
            Microservice stopped = microservice.withRoute(null, now)
                    .moveTo(MicroserviceStatus.STOPPED, "stopped by request", now);
            if (current != null && current.status() == DeploymentStatus.RUNNING) {
                commits.save(stopped, current.moveTo(DeploymentStatus.STOPPED, "stopped by request", now));
            } else {
                commits.save(stopped);
            }
            return stopped;
        });
    }

    /** Runs the current deployment's image again, waits until ready, publishes the route. */
    public Microservice start(String app, String name) {
        get(app, name);
        MicroserviceLane lane = lanes.of(new MicroserviceKey(app, name));
        record Plan(StoredDeployment deployment, long generation, long stops) {
        }
        Plan plan = lane.locked(() -> {
            Microservice microservice = records.microservice(app, name).orElseThrow(() -> notFound(app, name));
            if (lane.starting() != null) {
                throw ApiException.conflict("deployment_in_progress", "deployment " + lane.starting() + " of '" + name
                        + "' is starting; wait for it to finish", Map.of("deployment", lane.starting()));
            }
            if (microservice.status() == MicroserviceStatus.RUNNING) {
                return null;
            }
            if (microservice.status() == MicroserviceStatus.BUILDING || microservice.status() == MicroserviceStatus.BUILT) {
                throw ApiException.conflict("deployment_in_progress", "deployment " + microservice.latestDeployment()
                        + " of '" + name + "' is in progress and will run when ready; there is nothing to start",
                        Map.of("deployment", String.valueOf(microservice.latestDeployment())));
            }
            StoredDeployment current = microservice.currentDeployment() == null ? null
                    : records.deployment(microservice.currentDeployment()).orElse(null);
            if (current == null || current.deployment().image() == null) {
                throw ApiException.conflict("nothing_to_start", "'" + name + "' has no built deployment to start;"
                        + " deploy it first", Map.of());
            }
            if (!StatusMachine.allows(current.status(), DeploymentStatus.RUNNING)) {
                throw ApiException.conflict("nothing_to_start", "deployment " + current.id() + " is "
                        + current.status().wireName() + " and cannot run again; deploy again", Map.of());
            }
            lane.starting(current.id());
            return new Plan(current, lane.generation(), lane.stops());
        });
        if (plan == null) {
            return get(app, name);
        }
        String id = plan.deployment().id();
        try {
            RunningInstance instance;
            try {
                instance = driver.start(specs.run(plan.deployment()), line -> {
                    if (lane.generation() == plan.generation()) {
                        logs.line(id, line);
                    }
                });
            } catch (DeployFailedException e) {
                return lane.locked(() -> {
                    Microservice microservice = records.microservice(app, name).orElseThrow(() -> notFound(app, name));
                    if (lane.generation() != plan.generation()) {
                        return microservice;
                    }
                    Instant now = clock.instant();
                    StoredDeployment deployment = records.deployment(id).orElseThrow();
                    Microservice failed = microservice.moveTo(MicroserviceStatus.DEPLOY_FAILED,
                            id + " did not become ready after start: " + e.getMessage(), now);
                    commits.save(failed, deployment.moveTo(DeploymentStatus.DEPLOY_FAILED, e.getMessage(), now));
                    return failed;
                });
            }
            return lane.locked(() -> {
                Microservice microservice = records.microservice(app, name).orElse(null);
                if (microservice == null || lane.generation() != plan.generation()) {
                    driver.delete(new DeleteScope.OneDeployment(lane.key(), id));
                    logs.delete(id);
                    throw notFound(app, name);
                }
                if (!id.equals(microservice.currentDeployment()) || lane.stops() != plan.stops()) {
                    // A newer deployment took over, or a stop came in meanwhile: this start lost.
                    log.info("start of {} of {} overtaken (current {}, stops {} -> {}); stopping it again", id,
                            lane.key(), microservice.currentDeployment(), plan.stops(), lane.stops());
                    driver.stop(instance.ref());
                    return microservice;
                }
                return serving.switchTo(microservice, records.deployment(id).orElseThrow(), instance);
            });
        } finally {
            lane.withLock(() -> lane.starting(null));
        }
    }

    /** Removes the instances, the route, the records, the logs and the images. */
    public void delete(String app, String name) {
        get(app, name);
        MicroserviceKey key = new MicroserviceKey(app, name);
        MicroserviceLane lane = lanes.of(key);
        lane.withLock(() -> {
            Microservice microservice = records.microservice(app, name).orElseThrow(() -> notFound(app, name));
            lane.invalidate();
            if (microservice.route() != null) {
                routes.remove(app, microservice.route().path());
            }
            records.deleteMicroservice(app, name);
        });
        driver.delete(new DeleteScope.WholeMicroservice(key));
        try {
            registry.deleteAll(key);
        } catch (RuntimeException e) {
            log.warn("cannot delete the images of {} from the registry: {}", key, e.toString());
        }
    }

    private static ApiException notFound(String app, String name) {
        return ApiException.notFound("microservice_not_found", "app '" + app + "' has no microservice '" + name
                + "'; list them with GET /v1/apps/" + app + "/microservices", Map.of("app", app, "microservice", name));
    }
}
