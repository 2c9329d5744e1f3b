package dev.skyport.api.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One version of a runtime: the body of {@code GET /v1/templates/{runtime}/{version}} and an entry of
 * {@link RuntimeListing#versions()}.
 *
 * @param runtime   present only when the version is asked for on its own; {@code null} inside a listing
 * @param eol       end-of-life upstream: it still builds, but no longer gets fixes
 * @param isDefault whether it is the runtime's default version
 * @param sha256    the tarball's SHA-256, 64 lower-case hex digits; also its ETag
 * @param size      the tarball's size in bytes
 */
@JsonPropertyOrder({"runtime", "version", "eol", "default", "sha256", "size"})
public record VersionListing(
        @JsonInclude(JsonInclude.Include.NON_NULL) String runtime,
        String version,
        boolean eol,
        @JsonProperty("default") boolean isDefault,
        String sha256,
        long size) {
}
