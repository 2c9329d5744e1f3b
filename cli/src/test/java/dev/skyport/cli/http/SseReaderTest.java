package dev.skyport.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsIdsEventsMultiLineDataAndSkipsComments() throws IOException {
        String stream = ": keep-alive\n\nid: 1\nevent: log\ndata: first\ndata:  second\n\n"
                + "retry: 1000\ndata:no space\n\nid: 3\nevent: status\ndata: {\"status\":\"running\"}\r\n\r\n"
                + "id: 4\ndata: cut off";
        try (SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.next()).isEqualTo(new SseEvent("1", "log", "first\n second"));
            assertThat(reader.next()).isEqualTo(new SseEvent(null, "message", "no space"));
            assertThat(reader.next()).isEqualTo(new SseEvent("3", "status", "{\"status\":\"running\"}"));
            assertThat(reader.next()).isNull();
        }
    }
}
