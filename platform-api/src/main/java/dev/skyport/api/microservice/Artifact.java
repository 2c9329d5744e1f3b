package dev.skyport.api.microservice;

/** A stored build context: its sha256 (64 lower-case hex digits), size in bytes and number of tar entries. */
public record Artifact(String sha256, long size, long entries) {
}
