package dev.skyport.buildfarm.artifact;

/** What a valid archive holds. */
public record ArchiveSummary(long entries, long uncompressedBytes) {
}
