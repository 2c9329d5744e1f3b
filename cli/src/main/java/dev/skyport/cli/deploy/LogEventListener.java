package dev.skyport.cli.deploy;

import dev.skyport.cli.http.SseEvent;

/** Hears each build log event once, in order, across reconnections. */
@FunctionalInterface
public interface LogEventListener {

    void onEvent(SseEvent event);
}
