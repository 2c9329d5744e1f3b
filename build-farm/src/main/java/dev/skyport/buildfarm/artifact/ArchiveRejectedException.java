package dev.skyport.buildfarm.artifact;

import dev.skyport.buildfarm.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An archive that fails a check. The code comes from {@link ArchiveProblem}; {@code details.entry}
 * names the offending entry when there is one, {@code details.limit} and {@code details.max} the
 * limit that was passed.
 */
public class ArchiveRejectedException extends ApiException {

    private final ArchiveProblem problem;

    private ArchiveRejectedException(ArchiveProblem problem, String message, Map<String, Object> details) {
        super(problem.status(), problem.code(), message, details);
        this.problem = problem;
    }

    private ArchiveRejectedException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
        this.problem = null;
    }

    /** The rule that broke; null for the compressed-size limit, which is checked before any archive is read. */
    public ArchiveProblem problem() {
        return problem;
    }

    public static ArchiveRejectedException invalid(ArchiveProblem problem, String entry, String message) {
        return new ArchiveRejectedException(problem, message, entry == null ? Map.of() : Map.of("entry", entry));
    }

    /** {@code limit} names which: {@code uncompressed_size}, {@code compression_ratio} or {@code entries}. */
    public static ArchiveRejectedException overLimit(ArchiveProblem problem, String limit, long max, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limit", limit);
        details.put("max", max);
        return new ArchiveRejectedException(problem, message, details);
    }

    /** The upload itself is over {@code max-compressed-size}: {@code artifact_too_large}. */
    public static ArchiveRejectedException compressedTooLarge(long max, String message) {
        return new ArchiveRejectedException(HttpStatus.CONTENT_TOO_LARGE, "artifact_too_large", message,
                Map.of("limit", "compressed_size", "max", max));
    }
}
