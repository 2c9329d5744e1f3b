package dev.skyport.buildfarm.quota;

import org.springframework.http.HttpStatus;

/**
 * The per-app quotas, by the name errors carry in {@code details.quota}: sizes answer 413, counts 429.
 */
public enum Quota {
    ARTIFACTS_COUNT("artifacts-count", HttpStatus.TOO_MANY_REQUESTS),
    ARTIFACTS_BYTES("artifacts-bytes", HttpStatus.CONTENT_TOO_LARGE),
    DEPLOYMENTS("deployments", HttpStatus.TOO_MANY_REQUESTS),
    LOG_BYTES("log-bytes", HttpStatus.CONTENT_TOO_LARGE);

    private final String key;
    private final HttpStatus status;

    Quota(String key, HttpStatus status) {
        this.key = key;
        this.status = status;
    }

    /** The setting's last part, {@code skyport.build-farm.quotas.<key>}. */
    public String key() {
        return key;
    }

    public HttpStatus status() {
        return status;
    }

    public String setting() {
        return "skyport.build-farm.quotas." + key;
    }
}
