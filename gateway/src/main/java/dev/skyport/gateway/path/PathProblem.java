package dev.skyport.gateway.path;

/**
 * Why a path is refused.
 *
 * @param rule    stable, snake_case name of the broken rule ({@code dot_segment})
 * @param message for a person: what is wrong and how to send the path instead
 */
public record PathProblem(String rule, String message) {
}
