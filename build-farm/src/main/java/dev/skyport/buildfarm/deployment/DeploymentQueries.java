package dev.skyport.buildfarm.deployment;

import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Finds a deployment of an app (another app's deployment is as good as unknown). */
@Component
public class DeploymentQueries {

    private final RecordStore records;

    public DeploymentQueries(RecordStore records) {
        this.records = records;
    }

    public StoredDeployment get(String app, String id) {
        Names.requireApp(app);
        return records.deployment(id)
                .filter(d -> d.deployment().app().equals(app))
                .orElseThrow(() -> ApiException.notFound("deployment_not_found", "app '" + app
                        + "' has no deployment '" + id + "'", Map.of("app", app, "deployment", id)));
    }
}
