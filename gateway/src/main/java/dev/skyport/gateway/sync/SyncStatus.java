package dev.skyport.gateway.sync;

import java.time.Instant;

/** What the sync knows about Redis, for readiness and the routes endpoint. */
public final class SyncStatus {

    private volatile boolean redisUp;
    private volatile Instant lastSync;
    private volatile String lastError;

    void redisUp() {
        redisUp = true;
    }

    void redisDown(Throwable error) {
        redisUp = false;
        if (error != null) {
            lastError = error.toString();
        }
    }

    void synced(Instant at) {
        lastSync = at;
        lastError = null;
    }

    void syncFailed(Throwable error) {
        lastError = error.toString();
    }

    public boolean isRedisUp() {
        return redisUp;
    }

    public Instant lastSync() {
        return lastSync;
    }

    public String lastError() {
        return lastError;
    }
}
