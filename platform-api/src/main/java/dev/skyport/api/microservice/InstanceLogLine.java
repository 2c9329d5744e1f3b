package dev.skyport.api.microservice;

import java.time.Instant;

/**
 * One line a running instance wrote, as {@code GET /v1/apps/{app}/microservices/{name}/logs} sends it
 * in the {@code data} of a {@code log} event.
 *
 * @param time     when the runtime received the line (the Engine's or the kubelet's timestamp)
 * @param instance the container (Docker) or the pod (Kubernetes) that wrote it
 * @param stream   {@code stdout} or {@code stderr}; {@code stdout} when the runtime does not tell them apart
 * @param text     the line, without its line break
 */
public record InstanceLogLine(Instant time, String instance, String stream, String text) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
}
