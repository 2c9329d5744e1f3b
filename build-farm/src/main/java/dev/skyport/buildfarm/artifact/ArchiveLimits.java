package dev.skyport.buildfarm.artifact;

/**
 * What an archive may hold once uncompressed.
 *
 * @param maxUncompressedBytes absolute cap on the tar stream after gunzip
 * @param maxCompressionRatio  the tar stream may be at most this many times the tar.gz, beyond
 *                             {@link #RATIO_ALLOWANCE_BYTES}
 * @param maxEntries           most entries
 */
public record ArchiveLimits(long maxUncompressedBytes, long maxCompressionRatio, long maxEntries) {

    /**
     * Bytes every archive may inflate to whatever its ratio: small contexts (a few empty files, a
     * padded tar of tiny sources) have ratios far above any large one, and 16 MB costs nothing to unpack.
     */
    public static final long RATIO_ALLOWANCE_BYTES = 16L << 20;

    public ArchiveLimits {
        if (maxUncompressedBytes <= 0 || maxCompressionRatio <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("archive limits must be positive: " + maxUncompressedBytes + " bytes,"
                    + " ratio " + maxCompressionRatio + ", " + maxEntries + " entries");
        }
    }

    public static ArchiveLimits of(ArtifactProperties properties) {
        return new ArchiveLimits(properties.maxUncompressedSize().toBytes(), properties.maxCompressionRatio(),
                properties.maxEntries());
    }

    /** What the ratio allows for an archive of this compressed size (saturating, never overflowing). */
    public long ratioLimitFor(long compressedBytes) {
        long scaled = compressedBytes > Long.MAX_VALUE / maxCompressionRatio ? Long.MAX_VALUE
                : compressedBytes * maxCompressionRatio;
        return scaled > Long.MAX_VALUE - RATIO_ALLOWANCE_BYTES ? Long.MAX_VALUE : scaled + RATIO_ALLOWANCE_BYTES;
    }
}
