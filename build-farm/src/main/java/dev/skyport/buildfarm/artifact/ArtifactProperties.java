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
 * @param maxUncompressedSize largest accepted tar stream after gunzip (stops gzip bombs)
 * @param maxEntries          most entries an archive may hold
 * @param gcMinAge            an artifact no deployment refers to is removed once unused for this long
 * @param gcInterval          how often the garbage collector runs
 */
@ConfigurationProperties("skyport.build-farm.artifacts")
public record ArtifactProperties(
        Path directory,
        @DefaultValue("2GB") DataSize maxCompressedSize,
        @DefaultValue("8GB") DataSize maxUncompressedSize,
        @DefaultValue("100000") long maxEntries,
        @DefaultValue("24h") Duration gcMinAge,
        @DefaultValue("1h") Duration gcInterval) {

    public ArtifactProperties {
        if (directory == null) {
            throw new IllegalArgumentException("skyport.build-farm.artifacts.directory is required: the directory"
                    + " where uploaded build contexts are kept");
        }
    }
}
