package dev.skyport.api.microservice;

/** Body of {@code PUT /v1/apps/{app}/artifacts/{sha256}}: {@code {"artifact": {...}}}. */
public record ArtifactResponse(Artifact artifact) {
}
