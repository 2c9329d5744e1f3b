package dev.skyport.buildfarm.error;

import dev.skyport.api.error.ApiError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the build farm refuses, with the status and the {@link ApiError} the client gets. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ApiError error;

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = new ApiError(code, message, details);
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException notFound(String code, String message, Map<String, Object> details) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message, details);
    }

    public static ApiException badRequest(String code, String message, Map<String, Object> details) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message, details);
    }

    public static ApiException conflict(String code, String message, Map<String, Object> details) {
        return new ApiException(HttpStatus.CONFLICT, code, message, details);
    }
}
