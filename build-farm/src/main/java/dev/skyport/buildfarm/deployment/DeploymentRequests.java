package dev.skyport.buildfarm.deployment;

import dev.skyport.api.config.ConfigProblem;
import dev.skyport.api.config.ConfigResult;
import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.DeploymentItemJson;
import dev.skyport.api.microservice.Deployment;
import dev.skyport.api.microservice.DeploymentRequest;
import dev.skyport.api.microservice.Microservice;
import dev.skyport.api.route.RoutePrefix;
import dev.skyport.buildfarm.artifact.ArtifactDigests;
import dev.skyport.buildfarm.artifact.ArtifactStore;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.lifecycle.MicroserviceLifecycle;
import dev.skyport.buildfarm.lifecycle.NewDeployment;
import dev.skyport.buildfarm.quota.Quotas;
import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.record.StoredDeployment;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Accepts {@code POST .../deployments}: checks the item exactly as {@code skycli config validate} does,
 * the artifact and the route prefix, records a queued deployment (superseding one still queued) and
 * hands it to the pipeline.
 */
@Component
public class DeploymentRequests {

    private static final Pattern TEMPLATE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final RecordStore records;
    private final ArtifactStore artifacts;
    private final MicroserviceLifecycle lifecycle;
    private final AppLocks appLocks;
    private final Quotas quotas;

    public DeploymentRequests(RecordStore records, ArtifactStore artifacts, MicroserviceLifecycle lifecycle,
                              AppLocks appLocks, Quotas quotas) {
        this.records = records;
        this.artifacts = artifacts;
        this.lifecycle = lifecycle;
        this.appLocks = appLocks;
        this.quotas = quotas;
    }

    public Deployment deploy(String app, String name, DeploymentRequest request) {
        Names.requireApp(app);
        Names.requireMicroservice(name);
        if (request == null || request.artifact() == null) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"artifact\": \"<sha256>\","
                    + " \"item\": {...}}", Map.of());
        }
        String artifact = ArtifactDigests.require(request.artifact());
        DeploymentItem item = checkItem(name, request.item());
        String templateDigest = checkTemplateDigest(item, request.templateDigest());
        String path = RoutePrefix.of(item.path()).value();
        if (!artifacts.exists(app, artifact)) {
            throw ApiException.notFound("artifact_not_found", "artifact " + artifact + " was never uploaded for app '"
                    + app + "'; upload it with PUT /v1/apps/" + app + "/artifacts/" + artifact + " first",
                    Map.of("artifact", artifact));
        }
        artifacts.touch(app, artifact);
        JsonNode canonical = DeploymentItemJson.toJson(item);
        // Check and claim under the app's lock: two microservices must not both see the prefix free.
        return appLocks.locked(app, () -> {
            checkPathIsFree(app, name, path);
            quotas.checkDeployment(app);
            return lifecycle.deploy(new NewDeployment(new MicroserviceKey(app, name), artifact, canonical, path,
                    templateDigest));
        });
    }

    private static DeploymentItem checkItem(String name, JsonNode item) {
        ConfigResult<DeploymentItem> result = DeploymentItemJson.read(name, item);
        if (result.isValid()) {
            return result.value();
        }
        List<ConfigProblem> problems = result.problems();
        ConfigProblem first = problems.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", first.key() == null ? "" : first.key());
        details.put("problems", problems.stream().map(ConfigProblem::describe).toList());
        String message = problems.size() == 1 ? first.describe()
                : first.describe() + " (and " + (problems.size() - 1) + " more problems, in details.problems)";
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_item", message, details);
    }

    private static String checkTemplateDigest(DeploymentItem item, String digest) {
        if (digest == null) {
            return null;
        }
        if (item.runtime() == null) {
            throw ApiException.badRequest("invalid_template_digest", "templateDigest is only for runtime items, and this"
                    + " item has a Dockerfile; leave templateDigest out", Map.of("templateDigest", digest));
        }
        if (!TEMPLATE_DIGEST.matcher(digest).matches()) {
            throw ApiException.badRequest("invalid_template_digest", "templateDigest must be sha256: and 64 lower-case"
                    + " hex digits (the catalog's ETag of the template), not '" + digest + "'",
                    Map.of("templateDigest", digest));
        }
        return digest;
    }

    /** Another microservice of the app must not claim the same prefix. */
    private void checkPathIsFree(String app, String name, String path) {
        for (Microservice other : records.microservices(app)) {
            if (other.name().equals(name)) {
                continue;
            }
            Optional<String> otherPath = Optional.ofNullable(other.route()).map(r -> r.path())
                    .or(() -> Optional.ofNullable(other.latestDeployment()).flatMap(records::deployment)
                            .map(StoredDeployment::path));
            if (otherPath.isPresent() && otherPath.get().equals(path)) {
                throw ApiException.conflict("route_conflict", "path " + path + " belongs to microservice '"
                        + other.name() + "' of app '" + app + "'; choose another path or delete '" + other.name() + "'",
                        Map.of("path", path, "microservice", other.name()));
            }
        }
    }
}
