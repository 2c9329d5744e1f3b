package dev.skyport.gateway.filter;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timeouts of one exchange on an upstream connection, installed for that exchange only.
 *
 * <ul>
 *   <li>Response timeout: counted from the moment the whole request body has been written, stopped by the
 *       response headers. A long upload therefore does not eat into it.</li>
 *   <li>Idle timeout: no bytes written or read for that long, while the request body is being sent or the
 *       response body is being received. So an upload or a stream lives as long as bytes flow. While the
 *       gateway waits for the response headers only the response timeout counts.</li>
 * </ul>
 *
 * A timeout fails the exchange with {@link UpstreamTimeoutException} and closes the connection. Netty calls every
 * method here on the connection's event loop, so the fields need no synchronisation.
 */
final class ExchangeTimeoutHandler extends ChannelDuplexHandler {

    static final String NAME = "skyport.exchangeTimeouts";

    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private long lastActivity;
    private boolean awaitingResponse;
    private boolean responseReceived;
    private boolean expired;
    private ScheduledFuture<?> responseTimer;
    private ScheduledFuture<?> idleTimer;

    /** Either timeout may be null: not applied. */
    ExchangeTimeoutHandler(Duration responseTimeout, Duration idleTimeout) {
        this.responseTimeout = responseTimeout;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastActivity = System.nanoTime();
        if (idleTimeout != null) {
            idleTimer = ctx.executor().schedule(() -> checkIdle(ctx), idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel(responseTimer);
        cancel(idleTimer);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = System.nanoTime();
        boolean endOfBody = msg instanceof LastHttpContent;
        ChannelPromise written = promise.unvoid();
        written.addListener(future -> {
            lastActivity = System.nanoTime();
            if (endOfBody && future.isSuccess()) {
                bodySent(ctx);
            }
        });
        ctx.write(msg, written);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = System.nanoTime();
        if (msg instanceof HttpResponse response && isFinal(response.status())) {
            responseReceived = true;
            awaitingResponse = false;
            cancel(responseTimer);
        }
        ctx.fireChannelRead(msg);
    }

    private void bodySent(ChannelHandlerContext ctx) {
        if (responseReceived || expired) {
            return; // the upstream answered before reading the whole body
        }
        awaitingResponse = true;
        if (responseTimeout != null) {
            responseTimer = ctx.executor().schedule(
                    () -> expire(ctx, UpstreamTimeoutException.Kind.RESPONSE, responseTimeout),
                    responseTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        if (expired) {
            return;
        }
        long now = System.nanoTime();
        long idleFor = awaitingResponse ? 0 : now - lastActivity;
        long left = idleTimeout.toNanos() - idleFor;
        if (left <= 0) {
            expire(ctx, UpstreamTimeoutException.Kind.IDLE, idleTimeout);
            return;
        }
        idleTimer = ctx.executor().schedule(() -> checkIdle(ctx), left, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx, UpstreamTimeoutException.Kind kind, Duration timeout) {
        if (expired || ctx.isRemoved()) {
            return;
        }
        expired = true;
        cancel(responseTimer);
        cancel(idleTimer);
        ctx.fireExceptionCaught(new UpstreamTimeoutException(kind, timeout));
        ctx.close();
    }

    /** 1xx answers (100 Continue) come before the real response; 101 switches protocols and is final. */
    private static boolean isFinal(HttpResponseStatus status) {
        return status.code() >= 200 || status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
