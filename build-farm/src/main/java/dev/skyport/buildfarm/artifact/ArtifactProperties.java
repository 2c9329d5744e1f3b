package dev.skyport.buildfarm.artifact;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where artifacts live and what an upload may be.
 *
 * @param directory           artifacts are kept under {@code <directory>/apps/<app>/<sha256>.tar.gz};
 *                            uploads in progress under {@code <directory>/tmp} (same filesystem, so the
 *                            final move is atomic)
 * @param maxCompressedSize   largest accepted upload (the tar.gz as sent)
 * @param maxUncompressedSize largest accepted tar stream after gunzip, whatever the ratio; keep it at least
 *                            {@code maxCompressedSize}, since incompressible files barely shrink
 * @param maxCompressionRatio the tar stream may be at most this many times the upload (beyond the first
 *                            16 MB): source code compresses 3-20 times, a gzip bomb about 1000 times
 * @param maxEntries          most entries an archive may hold
 * @param uploadIdleTimeout   an upload that sends no bytes for this long is aborted and its file removed
 * @param gcMinAge            an artifact no deployment refers to is removed once unused for this long
 * @param gcInterval          how often the garbage collector runs
 */
@ConfigurationProperties("skyport.build-farm.artifacts")
public record ArtifactProperties(
        Path directory,
        @DefaultValue("2GB") DataSize maxCompressedSize,
        @DefaultValue("2GB") DataSize maxUncompressedSize,
        @DefaultValue("100") long maxCompressionRatio,
        @DefaultValue("100000") long maxEntries,
        @DefaultValue("60s") Duration uploadIdleTimeout,
        @DefaultValue("24h") Duration gcMinAge,
        @DefaultValue("1h") Duration gcInterval) {

    public ArtifactProperties {
        if (directory == null) {
            throw new IllegalArgumentException("skyport.build-farm.artifacts.directory is required: the directory"
                    + " where uploaded build contexts are kept");
        }
        if (uploadIdleTimeout == null || uploadIdleTimeout.isNegative() || uploadIdleTimeout.isZero()) {
            throw new IllegalArgumentException("skyport.build-farm.artifacts.upload-idle-timeout must be positive,"
                    + " e.g. 60s");
        }
        if (maxCompressionRatio < 1) {
            throw new IllegalArgumentException("skyport.build-farm.artifacts.max-compression-ratio must be at least 1,"
                    + " e.g. 100");
        }
    }
}
