package dev.skyport.buildfarm.pipeline;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.microservice.MicroserviceRoute;
import dev.skyport.api.microservice.MicroserviceStatus;
import dev.skyport.api.microservice.StatusMachine;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.route.RouteProperties;
import dev.skyport.buildfarm.route.RoutePublisher;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes a ready instance the one that serves: publishes its route, marks it running and the previous
 * one superseded, then (after the drain delay, off the caller's thread) removes the previous instance
 * and applies registry retention.
 */
@Component
public class Serving implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Serving.class);

    private final RoutePublisher routes;
    private final RouteProperties routeProperties;
    private final RecordStore records;
    private final Commits commits;
    private final RuntimeDriver driver;
    private final RegistryAccess registry;
    private final RunProperties run;
    private final DeploymentRetention retention;
    private final Clock clock;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "skyport-drain");
        thread.setDaemon(true);
        return thread;
    });

    public Serving(RoutePublisher routes, RouteProperties routeProperties, RecordStore records, Commits commits,
                   RuntimeDriver driver, RegistryAccess registry, RunProperties run,
                   DeploymentRetention retention, Clock clock) {
        this.routes = routes;
        this.routeProperties = routeProperties;
        this.records = records;
        this.commits = commits;
        this.driver = driver;
        this.registry = registry;
        this.run = run;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * With the lane's lock held: switches the route to {@code deployment}'s instance and saves the records.
     * Returns the microservice as saved.
     */
    public Microservice switchTo(Microservice microservice, StoredDeployment deployment, RunningInstance instance) {
        Instant now = clock.instant();
        StoredDeployment previous = microservice.currentDeployment() == null
                || microservice.currentDeployment().equals(deployment.id()) ? null
                : records.deployment(microservice.currentDeployment()).orElse(null);
        String previousPath = microservice.route() != null ? microservice.route().path()
                : previous != null ? previous.path() : null;
        routes.publish(microservice.app(), microservice.name(), deployment.path(), instance.target(),
                deployment.id(), previousPath);

        StoredDeployment served = deployment.withInstance(instance.ref())
                .moveTo(DeploymentStatus.RUNNING, "serving at " + instance.target(), now);
        MicroserviceRoute route = new MicroserviceRoute(deployment.path(),
                routeProperties.urlOf(microservice.app(), deployment.path()), instance.target().toString());
        Microservice updated = microservice.serving(deployment.id(), deployment.deployment().image(), route, now);
        boolean newerInFlight = !deployment.id().equals(microservice.latestDeployment())
                && (microservice.status() == MicroserviceStatus.BUILDING || microservice.status() == MicroserviceStatus.BUILT);
        if (newerInFlight) {
            updated = updated.moveTo(updated.status(), "serving " + deployment.id() + "; "
                    + microservice.latestDeployment() + " is on its way", now);
        } else {
            updated = updated.moveTo(MicroserviceStatus.RUNNING, "serving " + deployment.id(), now);
        }
        List<StoredDeployment> changed = new ArrayList<>(List.of(served));
        if (previous != null && StatusMachine.allows(previous.status(), DeploymentStatus.SUPERSEDED)) {
            changed.add(previous.moveTo(DeploymentStatus.SUPERSEDED, "replaced by " + deployment.id(), now));
        }
        commits.save(updated, changed.toArray(StoredDeployment[]::new));
        if (previous != null) {
            drainThenRemove(previous, served);
        }
        return updated;
    }

    private void drainThenRemove(StoredDeployment previous, StoredDeployment served) {
        later.schedule(() -> {
            try {
                driver.delete(new DeleteScope.OneDeployment(Specs.keyOf(previous), previous.id()));
            } catch (RuntimeException e) {
                log.warn("cannot remove the instance of {} after it was replaced: {}", previous.id(), e.toString());
            }
            retain(served);
        }, run.drainDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registry retention and pruning of old deployment records; best effort, never fails a deploy. */
    private void retain(StoredDeployment served) {
        try {
            String image = served.deployment().image();
            Set<String> keep = image != null && image.contains("@") ? Set.of(image.substring(image.indexOf('@') + 1))
                    : Set.of();
            registry.applyRetention(Specs.keyOf(served), keep);
        } catch (RuntimeException e) {
            log.warn("registry retention for {} failed: {}", Specs.keyOf(served), e.toString());
        }
        retention.pruneQuietly(Specs.keyOf(served));
    }

    @Override
    public void destroy() {
        later.shutdownNow();
    }
}
