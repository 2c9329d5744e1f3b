package dev.skyport.cli.logs;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.api.microservice.LogsDropped;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.http.SseEvent;
import dev.skyport.cli.output.Json;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Prints the events of a running instances' log: {@code <time> <text>} per line, with {@code [<instance>]}
 * once lines of a second instance came (one instance needs no name), or one JSON object per event.
 * A {@code dropped} event becomes a notice on stderr.
 */
final class InstanceLogPrinter {

    static final String LOG = "log";
    static final String DROPPED = "dropped";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final String name;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final Set<String> instances = new HashSet<>();

    InstanceLogPrinter(String name, boolean json, PrintStream out, PrintStream err) {
        this.name = name;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    void print(SseEvent event) {
        switch (event.event()) {
            case LOG -> printLine(event, read(event.data(), InstanceLogLine.class));
            case DROPPED -> printDropped(event, read(event.data(), LogsDropped.class));
            default -> {
                // an event a newer build farm added: nothing skycli could say about it
            }
        }
    }

    private void printLine(SseEvent event, InstanceLogLine line) {
        if (json) {
            out.println(Json.compact(new LogEventJson(event.id(), event.event(), Json.parseOrNull(event.data()))));
            return;
        }
        instances.add(line.instance());
        String time = line.time() == null ? "-" : TIME.format(line.time());
        String instance = instances.size() > 1 ? "[" + line.instance() + "] " : "";
        out.println(time + " " + instance + (line.text() == null ? "" : line.text()));
    }

    private void printDropped(SseEvent event, LogsDropped dropped) {
        if (json) {
            out.println(Json.compact(new LogEventJson(event.id(), event.event(), Json.parseOrNull(event.data()))));
        }
        err.println(name + ": " + dropped.lines() + (dropped.lines() == 1 ? " line" : " lines") + " left out: "
                + (dropped.message() == null || dropped.message().isEmpty()
                ? "skycli read too slowly and the build farm did not keep them" : dropped.message()));
    }

    private static <T> T read(String data, Class<T> type) {
        try {
            T value = Json.read(data, type);
            if (value != null) {
                return value;
            }
        } catch (JacksonException e) {
            // reported below with the data as it came
        }
        throw CliFailure.failed("the build farm sent a log event skycli cannot read: '" + data + "'; check that"
                + " skycli and the platform are of the same version");
    }
}
