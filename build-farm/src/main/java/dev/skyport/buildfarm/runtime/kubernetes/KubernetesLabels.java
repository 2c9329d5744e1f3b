package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every object the driver makes carries (brief §3.6), and the selectors built from them. */
public final class KubernetesLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "skyport";
    public static final String APP = "skyport.dev/app";
    public static final String MICROSERVICE = "skyport.dev/microservice";
    public static final String DEPLOYMENT = "skyport.dev/deployment";
    /** The label the Job controller puts on a Job's pods. */
    static final String JOB_NAME = "batch.kubernetes.io/job-name";

    private KubernetesLabels() {
    }

    /** Selects a microservice's pods whatever version they run. */
    public static Map<String, String> microservice(MicroserviceKey key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(APP, key.app());
        labels.put(MICROSERVICE, key.name());
        return labels;
    }

    /** A microservice's labels plus the deployment. */
    public static Map<String, String> deployment(MicroserviceKey key, String deploymentId) {
        Map<String, String> labels = microservice(key);
        labels.put(DEPLOYMENT, deploymentId);
        return labels;
    }
}
