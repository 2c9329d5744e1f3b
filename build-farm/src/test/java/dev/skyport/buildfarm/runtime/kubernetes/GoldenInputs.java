package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.buildfarm.runtime.BuildContext;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.registry.credentials.RegistryCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fixed inputs the golden manifests under {@code src/test/resources/kubernetes/golden/} were rendered
 * from: every setting that shows in a manifest is set to a value of its own, so the files show where each
 * one lands.
 */
final class GoldenInputs {

    static final String REGISTRY = "registry.skyport.svc:5000";
    static final String PULL_HOST = "localhost:30500";
    static final MicroserviceKey WEB = new MicroserviceKey("shop", "web");
    static final String DEPLOYMENT_ID = "d-20261202t070516-9baa";
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String CONTEXT_URL = "http://skyport-build-farm.skyport.svc:8090/v1/builds/" + DEPLOYMENT_ID
            + "/context?token=single-use-token";
    static final RegistryCredentials CREDENTIALS = new RegistryCredentials("skyport", "golden-password");

    private GoldenInputs() {
    }

    static KubernetesProperties properties() {
        return new KubernetesProperties("skyport-builds", "skyport-apps", "27.3", "", "", "busybox:1.36",
                "https://mirror.example.com", "skyport-registry", "skyport-registry-pull", PULL_HOST,
                "cluster.example", Duration.ofMinutes(10), Duration.ofMinutes(5),
                new KubernetesProperties.Resources("500m", "1Gi", "2", "2Gi"),
                new KubernetesProperties.Resources("250m", "512Mi", "2", "4Gi"),
                new KubernetesProperties.Resources("100m", "128Mi", "1", "512Mi"),
                Map.of("skyport.dev/pool", "builds"),
                List.of(new KubernetesProperties.Toleration("skyport.dev/builds", "Equal", "true", "NoSchedule")),
                Map.of("skyport.dev/pool", "apps"),
                List.of(new KubernetesProperties.Toleration("skyport.dev/apps", "Exists", null, "NoExecute")),
                Map.of("linkerd.io/inject", "enabled"));
    }

    static BuildSpec build() {
        BuildContext context = new BuildContext("0123456789abcdef".repeat(4), 2048, null,
                () -> URI.create(CONTEXT_URL));
        return new BuildSpec(WEB, DEPLOYMENT_ID, context, "docker/Dockerfile", Duration.ofMinutes(30),
                Map.of("SKYPORT_TEMPLATE_DIGEST", "sha256:" + "cd".repeat(32), "A_FIRST", "1"),
                REGISTRY + "/shop/web@sha256:" + "ef".repeat(32));
    }

    static String buildImage() {
        return REGISTRY + "/shop/web:" + DEPLOYMENT_ID;
    }

    /** An HTTP health check, a command and environment. */
    static RunSpec run() {
        return new RunSpec(WEB, DEPLOYMENT_ID, REGISTRY + "/shop/web@" + DIGEST, 8080,
                List.of("node", "server.js"), Map.of("GREETING", "hello", "NODE_ENV", "production"), "/healthz");
    }
}
