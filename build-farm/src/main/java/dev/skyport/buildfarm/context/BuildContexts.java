package dev.skyport.buildfarm.context;

import dev.skyport.buildfarm.artifact.ArtifactStore;
import dev.skyport.buildfarm.runtime.BuildContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The context source of a build: the artifact as a local file, and single-use URLs on demand. */
@Component
public class BuildContexts {

    private final ArtifactStore artifacts;
    private final BuildContextTokens tokens;
    private final BuildContextProperties properties;

    public BuildContexts(ArtifactStore artifacts, BuildContextTokens tokens, BuildContextProperties properties) {
        this.artifacts = artifacts;
        this.tokens = tokens;
        this.properties = properties;
    }

    public BuildContext of(String app, String artifact, String deploymentId) {
        Path file = artifacts.file(app, artifact);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the artifact " + artifact + " of app '" + app + "' is gone", e);
        }
        return new BuildContext(artifact, size, file, () -> url(deploymentId));
    }

    private URI url(String deploymentId) {
        if (properties.publicUrl() == null) {
            throw new IllegalStateException("skyport.build-farm.build-context.public-url is not set; this driver"
                    + " builds elsewhere and needs the address at which builds reach the build farm");
        }
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/builds/" + deploymentId + "/context?token=" + tokens.issue(deploymentId));
    }
}
