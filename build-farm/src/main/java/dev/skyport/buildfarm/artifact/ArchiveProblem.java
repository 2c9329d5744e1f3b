package dev.skyport.buildfarm.artifact;

import org.springframework.http.HttpStatus;

/**
 * Every way an uploaded archive can be refused, each with its own stable error code, so a client
 * (or a person reading a log) knows which rule broke without parsing the message.
 */
public enum ArchiveProblem {

    GZIP_INVALID("artifact_gzip_invalid", HttpStatus.BAD_REQUEST),
    TAR_INVALID("artifact_tar_invalid", HttpStatus.BAD_REQUEST),
    ARCHIVE_TRUNCATED("artifact_archive_truncated", HttpStatus.BAD_REQUEST),
    INVALID_NAME("artifact_invalid_name", HttpStatus.BAD_REQUEST),
    NAME_TOO_LONG("artifact_name_too_long", HttpStatus.BAD_REQUEST),
    PATH_SEGMENT_TOO_LONG("artifact_path_segment_too_long", HttpStatus.BAD_REQUEST),
    ABSOLUTE_PATH("artifact_absolute_path", HttpStatus.BAD_REQUEST),
    PATH_TRAVERSAL("artifact_path_traversal", HttpStatus.BAD_REQUEST),
    DUPLICATE_ENTRY("artifact_duplicate_entry", HttpStatus.BAD_REQUEST),
    ENTRY_BENEATH_LINK("artifact_entry_beneath_link", HttpStatus.BAD_REQUEST),
    LINK_ABSOLUTE("artifact_link_absolute", HttpStatus.BAD_REQUEST),
    LINK_EMPTY_TARGET("artifact_link_empty_target", HttpStatus.BAD_REQUEST),
    LINK_TARGET_TOO_LONG("artifact_link_target_too_long", HttpStatus.BAD_REQUEST),
    LINK_ESCAPES("artifact_link_escapes", HttpStatus.BAD_REQUEST),
    LINK_LOOP("artifact_link_loop", HttpStatus.BAD_REQUEST),
    HARD_LINK_ESCAPES("artifact_hard_link_escapes", HttpStatus.BAD_REQUEST),
    HARD_LINK_TARGET_MISSING("artifact_hard_link_target_missing", HttpStatus.BAD_REQUEST),
    DEVICE_FILE("artifact_device_file", HttpStatus.BAD_REQUEST),
    FIFO("artifact_fifo", HttpStatus.BAD_REQUEST),
    UNSUPPORTED_ENTRY_TYPE("artifact_unsupported_entry_type", HttpStatus.BAD_REQUEST),
    TOO_MANY_ENTRIES("artifact_too_many_entries", HttpStatus.CONTENT_TOO_LARGE),
    UNCOMPRESSED_TOO_LARGE("artifact_uncompressed_too_large", HttpStatus.CONTENT_TOO_LARGE),
    COMPRESSION_RATIO_TOO_HIGH("artifact_compression_ratio_too_high", HttpStatus.CONTENT_TOO_LARGE);

    private final String code;
    private final HttpStatus status;

    ArchiveProblem(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }
}
