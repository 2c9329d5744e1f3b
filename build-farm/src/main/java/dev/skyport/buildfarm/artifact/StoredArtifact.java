package dev.skyport.buildfarm.artifact;

import java.nio.file.Path;

/** An artifact on disk, with what validation counted. */
public record StoredArtifact(String app, String sha256, Path file, long size, long entries) {
}
