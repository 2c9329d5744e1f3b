package dev.skyport.buildfarm.lifecycle;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.DeploymentItemJson;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.buildfarm.context.BuildContexts;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns a stored deployment into what the driver needs to build or run it. */
@Component
public class Specs {

    /** The build argument the catalog's templates turn into their {@code dev.skyport.template.digest} label. */
    static final String TEMPLATE_DIGEST_ARG = "SKYPORT_TEMPLATE_DIGEST";

    private final BuildContexts contexts;
    private final BuildProperties builds;
    private final RecordStore records;

    public Specs(BuildContexts contexts, BuildProperties builds, RecordStore records) {
        this.contexts = contexts;
        this.records = records;
        this.builds = builds;
    }

    public static MicroserviceKey keyOf(StoredDeployment deployment) {
        return new MicroserviceKey(deployment.deployment().app(), deployment.deployment().microservice());
    }

    public static DeploymentItem itemOf(StoredDeployment deployment) {
        return DeploymentItemJson.read(deployment.deployment().microservice(), deployment.item()).orElseThrow();
    }

    public BuildSpec build(StoredDeployment deployment) {
        var d = deployment.deployment();
        Map<String, String> buildArgs = deployment.templateDigest() == null ? Map.of()
                : Map.of(TEMPLATE_DIGEST_ARG, deployment.templateDigest());
        return new BuildSpec(keyOf(deployment), d.id(), contexts.of(d.app(), d.artifact(), d.id()),
                itemOf(deployment).dockerfileOrDefault(), builds.timeout(), buildArgs,
                records.microservice(d.app(), d.microservice()).map(Microservice::image).orElse(null));
    }

    public RunSpec run(StoredDeployment deployment) {
        DeploymentItem item = itemOf(deployment);
        if (deployment.deployment().image() == null) {
            throw new IllegalStateException("deployment " + deployment.id() + " has no image to run");
        }
        return new RunSpec(keyOf(deployment), deployment.id(), deployment.deployment().image(), item.port(),
                item.command(), item.environment(), item.healthCheck() == null ? null : item.healthCheck().path());
    }
}
