package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One {@code pods/log} response, read chunk by chunk as the HTTP client receives it: no thread waits on
 * it. {@link #ended()} completes when the response ends (normally), fails, answers other than 2xx
 * ({@link Refused}) or is cancelled.
 */
final class PodLogStream {

    /** The API server answered the log request with this status. */
    static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status) {
            super("pods/log answered " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final URI uri;
    private final AtomicInteger open;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private CompletableFuture<HttpResponse<AsyncBody>> response;
    private AsyncBody body;
    private boolean started;
    private boolean cancelled;

    /** Counts itself in {@code open} from {@link #start} until it ends. */
    PodLogStream(HttpClient http, URI uri, AtomicInteger open) {
        this.http = http;
        this.uri = uri;
        this.open = open;
    }

    /** Sends the request, unless cancelled already; each line of the response goes to {@code lines}, in order. */
    void start(Consumer<String> lines) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            started = true;
            open.incrementAndGet();
        }
        LogLineSplitter splitter = new LogLineSplitter(lines);
        CompletableFuture<HttpResponse<AsyncBody>> sent;
        try {
            sent = http.consumeBytes(http.newHttpRequestBuilder().uri(uri).build(), (chunks, body) -> {
                chunks.forEach(splitter::add);
                body.consume();
            });
        } catch (RuntimeException e) {
            end(e);
            return;
        }
        synchronized (this) {
            response = sent;
            if (cancelled) {
                sent.cancel(false);
            }
        }
        sent.whenComplete((answer, failure) -> {
            if (failure != null) {
                end(failure);
            } else if (!answer.isSuccessful()) {
                answer.body().cancel();
                end(new Refused(answer.code()));
            } else {
                receive(answer.body(), splitter);
            }
        });
    }

    private void receive(AsyncBody received, LogLineSplitter splitter) {
        synchronized (this) {
            body = received;
            if (cancelled) {
                received.cancel();
                return;
            }
        }
        received.done().whenComplete((done, failure) -> {
            if (failure == null) {
                splitter.flush();
            }
            end(failure);
        });
        received.consume();
    }

    CompletionStage<Void> ended() {
        return ended;
    }

    /** Closes the response (or the request still waiting for one). */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            if (body != null) {
                body.cancel();
            } else if (response != null) {
                response.cancel(false);
            }
        }
        end(new CancellationException("cancelled"));
    }

    private void end(Throwable failure) {
        boolean first = failure == null ? ended.complete(null) : ended.completeExceptionally(failure);
        boolean counted;
        synchronized (this) {
            counted = started;
        }
        if (first && counted) {
            open.decrementAndGet();
        }
    }
}
