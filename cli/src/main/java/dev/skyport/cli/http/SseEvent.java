package dev.skyport.cli.http;

/** One Server-Sent Event: {@code id}, {@code event} (default {@code message}) and its data lines joined by LF. */
public record SseEvent(String id, String event, String data) {
}
