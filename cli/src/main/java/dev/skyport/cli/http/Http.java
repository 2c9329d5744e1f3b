package dev.skyport.cli.http;

import dev.skyport.api.error.ApiError;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.settings.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;

/**
 * HTTP to the gateway with the bearer token, turning transport problems and error answers into
 * {@link CliFailure}s with skycli's exit codes: unreachable, 401/403 and a gateway without its upstream
 * (502-504) exit 3; other errors exit 1 (400 with exit 2, since it is bad input).
 */
public final class Http {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Connection connection;

    public Http(Connection connection) {
        this.connection = connection;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public Connection connection() {
        return connection;
    }

    /** A request with the token and a timeout; streaming requests drop the timeout. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", "skycli");
        if (connection.token() != null) {
            builder.header("Authorization", "Bearer " + connection.token());
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<InputStream> stream(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw CliFailure.unreachable("cannot reach " + connection.endpoint() + ": connecting timed out; check the"
                    + " endpoint (skycli login --endpoint URL) and that the platform runs", e);
        } catch (HttpTimeoutException e) {
            throw CliFailure.unreachable(connection.endpoint() + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time; try again, or check the platform", e);
        } catch (ConnectException e) {
            throw CliFailure.unreachable("cannot reach " + connection.endpoint() + ": connection refused; is the"
                    + " platform running? check the endpoint with skycli login --endpoint URL", e);
        } catch (IOException e) {
            throw CliFailure.unreachable("lost the connection to " + connection.endpoint() + " during "
                    + request.method() + " " + request.uri().getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        }
    }

    /** The error in an answer's body, or one made from its status. */
    public static RemoteError error(int status, String body) {
        try {
            ApiError.Body envelope = body == null || body.isBlank() ? null : Json.read(body, ApiError.Body.class);
            if (envelope != null && envelope.error() != null) {
                return new RemoteError(status, envelope.error());
            }
        } catch (JacksonException e) {
            // not Skyport's error format (a proxy's page, plain text): shown as it came, below
        }
        String text = body == null || body.isBlank() ? "HTTP " + status : abbreviated(body.strip());
        return new RemoteError(status, ApiError.of("http_" + status, text));
    }

    /**
     * An answer's body read into one of platform-api's types. A body that does not fit fails naming what
     * skycli was doing and who answered ({@code from}), since it means the two disagree on the contract.
     */
    public static <T> T read(String body, Class<T> type, String from, String doing) {
        String reason;
        try {
            T value = Json.read(body, type);
            if (value != null) {
                return value;
            }
            reason = "an empty answer";
        } catch (JacksonException e) {
            reason = e.getOriginalMessage();
        }
        throw CliFailure.failed(doing + ": " + from + " answered what skycli cannot read (" + reason + "): "
                + abbreviated(String.valueOf(body)) + "; check that skycli and the platform are of the same version");
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The failure for an error answer, naming what skycli was doing. */
    public CliFailure failure(String doing, RemoteError error) {
        String what = error.message() + " (" + error.status() + " " + error.code() + ")";
        return switch (error.status()) {
            case 401 -> new CliFailure(ExitCodes.UNREACHABLE, doing + ": the endpoint refused the token: " + what
                    + "; run skycli login --token TOKEN (or set SKYPORT_TOKEN) with a valid token");
            case 403 -> new CliFailure(ExitCodes.UNREACHABLE, doing + ": the token may not do this: " + what
                    + "; use a token for this app or an admin token");
            case 502, 503, 504 -> new CliFailure(ExitCodes.UNREACHABLE, doing + ": the gateway at "
                    + connection.endpoint() + " could not reach the service behind it: " + what + "; try again later");
            case 400 -> new CliFailure(ExitCodes.USAGE, doing + ": " + what);
            default -> new CliFailure(ExitCodes.FAILED, doing + ": " + what);
        };
    }
}
