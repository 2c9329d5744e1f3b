package dev.skyport.cli.http;

import dev.skyport.api.error.ApiError;
import java.util.Map;

/**
 * An error answer of the build farm, the catalog or the gateway: platform-api's {@link ApiError}
 * ({@code {"error": {"code", "message", "details"}}}), or one made from the status when the body held none.
 */
public record RemoteError(int status, ApiError error) {

    public String code() {
        return error.code();
    }

    public String message() {
        return error.message();
    }

    /** Extra facts of the error (what exists, the path); empty, never null. */
    public Map<String, Object> details() {
        return error.details();
    }
}
