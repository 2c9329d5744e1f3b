package dev.skyport.buildfarm.runtime.kubernetes;

import static dev.skyport.buildfarm.testing.BuildFarmClient.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.kubernetes.ClusterControllers.Build;
import dev.skyport.buildfarm.testing.kubernetes.KubernetesFarm;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Each way a build Job fails, as the Job controller and kubelet report it, becomes {@code build_failed}
 * with a message that says what happened and what to change; nothing is rolled out, and a version that
 * served before keeps serving.
 */
class KubernetesBuildFailureTest {

    private static final String APP = "kbf" + UUID.randomUUID().toString().substring(0, 6);
    private static KubernetesFarm kubernetes;
    private static BuildFarmClient api;

    @BeforeAll
    static void start() {
        kubernetes = KubernetesFarm.start();
        api = kubernetes.api();
    }

    @AfterAll
    static void stop() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Build.FAIL, List.of("the build failed (exit 2)", "make: *** [all] Error 2",
                        "last lines:\n", "skyport: error: the build failed")),
                Arguments.of(Build.DEADLINE, List.of("the build took longer than 1800 s",
                        "skyport.build-farm.builds.timeout")),
                Arguments.of(Build.PULL_FAILURE, List.of("cannot pull the build image docker:27.3-dind",
                        "ImagePullBackOff", "skyport.build-farm.kubernetes.docker-version")),
                Arguments.of(Build.OOM, List.of("the build container ran out of memory (OOMKilled)",
                        "skyport.build-farm.kubernetes.build-resources.memory-limit")),
                Arguments.of(Build.FETCH_FAILURE, List.of("fetching the build context failed (exit 1)",
                        "wget: server returned error: HTTP/1.1 410 Gone",
                        "skyport.build-farm.build-context.public-url")));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailedBuildJobIsBuildFailedWithAReasonAPersonCanActOn(Build how, List<String> saying) {
        String microservice = how.name().toLowerCase(Locale.ROOT).replace('_', '-');
        kubernetes.controllers().builds(APP, microservice, how);

        String id = api.deploy(APP, microservice, archive(microservice), item("/" + microservice, 8080));
        JsonNode deployment = api.awaitDeployment(APP, id, Duration.ofSeconds(30), "build_failed");

        String message = deployment.get("message").asString();
        saying.forEach(fragment -> assertThat(message).as("said once").containsOnlyOnce(fragment));
        assertThat(api.microservice(APP, microservice).get("status").asString()).isEqualTo("build_failed");
        assertThat(kubernetes.deployment(APP, microservice)).as("nothing rolled out").isNull();
        assertThat(kubernetes.route(APP, "/" + microservice)).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(kubernetes.job(APP, microservice, id)).as("the failed Job is cleaned up").isNull());
    }

    @Test
    void theVersionThatServedKeepsServingWhenTheNextBuildFails() {
        String first = api.deploy(APP, "keeper", archive("v1"), item("/keeper", 8080));
        api.awaitDeployment(APP, first, Duration.ofSeconds(30), "running");
        String image = kubernetes.deployedImage(APP, "keeper");

        kubernetes.controllers().builds(APP, "keeper", Build.FAIL);
        String second = api.deploy(APP, "keeper", archive("v2"), item("/keeper", 8080));
        api.awaitDeployment(APP, second, Duration.ofSeconds(30), "build_failed");

        JsonNode microservice = api.microservice(APP, "keeper");
        assertThat(microservice.get("message").asString()).endsWith("still serving " + first);
        assertThat(microservice.get("currentDeployment").asString()).isEqualTo(first);
        assertThat(kubernetes.deployedImage(APP, "keeper")).isEqualTo(image);
        assertThat(kubernetes.route(APP, "/keeper").deploymentId()).isEqualTo(first);
    }

    private static byte[] archive(String marker) {
        return TestArchive.create().file("Dockerfile", "FROM busybox:1.36\nRUN echo " + marker + "\n").bytes();
    }
}
