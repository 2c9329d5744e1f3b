package dev.skyport.buildfarm.quota;

import dev.skyport.buildfarm.artifact.ArtifactStore;
import dev.skyport.buildfarm.error.ApiException;
import dev.skyport.buildfarm.logs.BuildLogs;
import dev.skyport.buildfarm.record.RecordStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks an app's quotas before it stores more. Blocking (files and Redis). A check reads usage and the
 * caller then stores, so callers hold the app's lock ({@code AppLocks}) around both: a deployment is
 * checked and written under it, and an artifact is checked again under it together with its install.
 */
@Component
public class Quotas {

    private final QuotaProperties properties;
    private final ArtifactStore artifacts;
    private final RecordStore records;
    private final BuildLogs logs;

    public Quotas(QuotaProperties properties, ArtifactStore artifacts, RecordStore records, BuildLogs logs) {
        this.properties = properties;
        this.artifacts = artifacts;
        this.records = records;
        this.logs = logs;
    }

    /** Before a new artifact of {@code size} bytes is received. */
    public void checkArtifactUpload(String app, long size) {
        ArtifactStore.Usage usage = artifacts.usage(app);
        if (usage.count() + 1 > properties.artifactsCount()) {
            throw exceeded(Quota.ARTIFACTS_COUNT, app, properties.artifactsCount(), usage.count(),
                    "app '" + app + "' already keeps " + usage.count() + " artifacts, the most it may keep ("
                            + Quota.ARTIFACTS_COUNT.setting() + " = " + properties.artifactsCount() + "); artifacts no"
                            + " deployment uses are removed after gc-min-age, or delete microservices you no longer need");
        }
        long limit = properties.artifactsBytes().toBytes();
        if (usage.bytes() + size > limit) {
            throw exceeded(Quota.ARTIFACTS_BYTES, app, limit, usage.bytes(),
                    "app '" + app + "' keeps " + usage.bytes() + " bytes of artifacts; this " + size + "-byte upload"
                            + " would pass its limit of " + limit + " bytes (" + Quota.ARTIFACTS_BYTES.setting()
                            + "); leave large files out with .dockerignore, or wait for unused artifacts to be removed");
        }
    }

    /** Before a new deployment record of the app is written. */
    public void checkDeployment(String app) {
        List<String> ids = records.deploymentIds(app);
        if (ids.size() + 1 > properties.deployments()) {
            throw exceeded(Quota.DEPLOYMENTS, app, properties.deployments(), ids.size(),
                    "app '" + app + "' already keeps " + ids.size() + " deployment records, the most it may keep ("
                            + Quota.DEPLOYMENTS.setting() + " = " + properties.deployments() + "); delete"
                            + " microservices you no longer need (each keeps at most keep-deployments records)");
        }
        long logLimit = properties.logBytes().toBytes();
        long logBytes = logs.memoryUsage(ids);
        if (logBytes >= logLimit) {
            throw exceeded(Quota.LOG_BYTES, app, logLimit, logBytes,
                    "the build logs of app '" + app + "' take " + logBytes + " bytes in Redis, at or above its limit"
                            + " of " + logLimit + " bytes (" + Quota.LOG_BYTES.setting() + "); delete microservices"
                            + " you no longer need, or build with less output");
        }
    }

    private static ApiException exceeded(Quota quota, String app, long limit, long used, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quota", quota.key());
        details.put("limit", limit);
        details.put("used", used);
        details.put("app", app);
        return new ApiException(quota.status(), "quota_exceeded", message, details);
    }
}
