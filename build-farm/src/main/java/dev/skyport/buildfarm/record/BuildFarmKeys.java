package dev.skyport.buildfarm.record;

import dev.skyport.api.route.RedisKeys;

/** The Redis keys the build farm owns, all under {@code skyport:} (routes are in {@link RedisKeys}). */
public final class BuildFarmKeys {

    /** HASH sha256(token) → {@code {scope, description, createdAt}}. */
    public static final String TOKENS = RedisKeys.PREFIX + "tokens";

    /** SET of apps that have microservices. */
    public static final String APPS = RedisKeys.PREFIX + "apps";

    private BuildFarmKeys() {
    }

    /** SET of an app's microservice names. */
    public static String microservices(String app) {
        return RedisKeys.PREFIX + "microservices:" + app;
    }

    /** STRING: the microservice record as JSON. */
    public static String microservice(String app, String name) {
        return RedisKeys.PREFIX + "microservice:" + app + ":" + name;
    }

    /** ZSET of a microservice's deployment ids, scored by creation time (epoch ms). */
    public static String deployments(String app, String name) {
        return RedisKeys.PREFIX + "deployments:" + app + ":" + name;
    }

    /** STRING: the deployment record as JSON. */
    public static String deployment(String id) {
        return RedisKeys.PREFIX + "deployment:" + id;
    }

    /** STREAM: the deployment's build and start-up log, capped. */
    public static String logs(String deploymentId) {
        return RedisKeys.PREFIX + "logs:" + deploymentId;
    }
}
