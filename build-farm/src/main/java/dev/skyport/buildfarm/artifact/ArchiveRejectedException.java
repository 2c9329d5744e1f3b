package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An archive that fails a check: {@code artifact_invalid} (400) or {@code artifact_too_large} (413). */
public class ArchiveRejectedException extends ApiException {

    private ArchiveRejectedException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
    }

    public static ArchiveRejectedException invalid(String entry, String message) {
        return new ArchiveRejectedException(HttpStatus.BAD_REQUEST, "artifact_invalid", message,
                entry == null ? Map.of() : Map.of("entry", entry));
    }

    /** {@code limit} names which: {@code compressed_size}, {@code uncompressed_size} or {@code entries}. */
    public static ArchiveRejectedException tooLarge(String limit, long max, String message) {
        return new ArchiveRejectedException(HttpStatus.CONTENT_TOO_LARGE, "artifact_too_large", message,
                Map.of("limit", limit, "max", max));
    }
}
