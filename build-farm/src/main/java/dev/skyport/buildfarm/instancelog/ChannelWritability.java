package dev.skyport.buildfarm.instancelog;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Whether the connection of a response can take more now. Reactor Netty writes whatever it is given
 * and queues what the socket cannot take, without bound (reactor-netty issue 881), so a stream to a
 * reader that stopped reading would pile up in that queue. Streams ask this before each event instead:
 * a connection past Netty's high-water mark is not writable until the reader catches up.
 */
final class ChannelWritability {

    private ChannelWritability() {
    }

    /** For a response on another server than Reactor Netty: always writable (no bound beyond the server's). */
    static BooleanSupplier of(ServerHttpResponse response) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        if (!(nativeResponse instanceof HttpServerResponse netty)) {
            return () -> true;
        }
        AtomicReference<Channel> channel = new AtomicReference<>();
        netty.withConnection(connection -> channel.set(connection.channel()));
        Channel found = channel.get();
        return found == null ? () -> true : found::isWritable;
    }
}
