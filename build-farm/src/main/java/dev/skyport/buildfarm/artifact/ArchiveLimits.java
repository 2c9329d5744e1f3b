package dev.skyport.buildfarm.artifact;

/** What an archive may hold once uncompressed. */
public record ArchiveLimits(long maxUncompressedBytes, long maxEntries) {

    public static ArchiveLimits of(ArtifactProperties properties) {
        return new ArchiveLimits(properties.maxUncompressedSize().toBytes(), properties.maxEntries());
    }
}
