package dev.skyport.api.microservice;

/**
 * Where a microservice is reachable.
 *
 * @param path   the normalized route prefix ({@code /api})
 * @param url    the public URL through the gateway ({@code http://127.0.0.1:8080/api/})
 * @param target the upstream the gateway forwards to ({@code http://127.0.0.1:32768})
 */
public record MicroserviceRoute(String path, String url, String target) {
}
