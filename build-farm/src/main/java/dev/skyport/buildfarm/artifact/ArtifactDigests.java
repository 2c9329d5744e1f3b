package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/** An artifact's name is the SHA-256 of its bytes: 64 lower-case hex digits. */
public final class ArtifactDigests {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ArtifactDigests() {
    }

    public static boolean isValid(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches();
    }

    public static String require(String sha256) {
        if (!isValid(sha256)) {
            throw ApiException.badRequest("invalid_artifact_digest", "artifact '" + sha256 + "' is not a SHA-256:"
                    + " use the 64 lower-case hex digits of the tar.gz's sha256", Map.of("artifact",
                    String.valueOf(sha256)));
        }
        return sha256;
    }
}
