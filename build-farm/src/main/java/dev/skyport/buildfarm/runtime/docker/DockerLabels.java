package dev.skyport.buildfarm.runtime.docker;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels of ARCHITECTURE §3.6, on images and containers alike. */
final class DockerLabels {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String APP = "skyport.dev/app";
    static final String MICROSERVICE = "skyport.dev/microservice";
    static final String DEPLOYMENT = "skyport.dev/deployment";

    private DockerLabels() {
    }

    static Map<String, String> of(MicroserviceKey microservice, String deploymentId) {
        Map<String, String> labels = new LinkedHashMap<>(ofMicroservice(microservice));
        labels.put(DEPLOYMENT, deploymentId);
        return labels;
    }

    /** The filter that finds everything of one microservice. */
    static Map<String, String> ofMicroservice(MicroserviceKey microservice) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, "skyport");
        labels.put(APP, microservice.app());
        labels.put(MICROSERVICE, microservice.name());
        return labels;
    }
}
