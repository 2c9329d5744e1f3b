package dev.skyport.api.error;

import java.util.Map;

/**
 * The error every Skyport HTTP service returns: {@code {"error": {"code", "message", "details"}}}.
 *
 * @param code    stable, machine-readable, snake_case ({@code route_not_found})
 * @param message for a person: what is wrong and how to fix it
 * @param details extra facts (the path, the app, what exists); never null
 */
public record ApiError(String code, String message, Map<String, Object> details) {

    public ApiError {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, Map.of());
    }

    /** The JSON envelope: {@code {"error": {...}}}. */
    public Body body() {
        return new Body(this);
    }

    public record Body(ApiError error) {
    }
}
