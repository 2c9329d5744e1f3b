package dev.skyport.api.microservice;

/**
 * The {@code data} of a {@code dropped} event of an instance log stream: the reader fell so far behind
 * that the build farm let go of lines instead of buffering them without bound.
 *
 * @param lines   how many lines were left out just before this event
 * @param message for a person
 */
public record LogsDropped(long lines, String message) {
}
