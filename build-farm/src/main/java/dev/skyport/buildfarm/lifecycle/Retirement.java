package dev.skyport.buildfarm.lifecycle;

import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.RunProperties;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.SelectedDriver;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * After a route switch: waits the drain delay (requests the gateway already sent to the old instance
 * finish), removes the old instance, then applies registry and record retention. On its own thread,
 * never under a lock, best effort: the next switch or reconciliation cleans up what it could not.
 */
@Component
class Retirement implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Retirement.class);

    private final RuntimeDriver driver;
    private final RegistryAccess registry;
    private final DeploymentRetention retention;
    private final RunProperties run;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "skyport-drain");
        thread.setDaemon(true);
        return thread;
    });

    Retirement(SelectedDriver driver, RegistryAccess registry, DeploymentRetention retention, RunProperties run) {
        this.driver = driver.get();
        this.registry = registry;
        this.retention = retention;
        this.run = run;
    }

    void drainThenRemove(StoredDeployment previous, StoredDeployment served) {
        later.schedule(() -> {
            try {
                driver.delete(new DeleteScope.OneDeployment(Specs.keyOf(previous), previous.id()));
            } catch (RuntimeException e) {
                log.warn("cannot remove the instance of {} after it was replaced: {}", previous.id(), e.toString());
            }
            retain(served);
        }, run.drainDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registry retention and pruning of old deployment records; never fails a deploy. */
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
