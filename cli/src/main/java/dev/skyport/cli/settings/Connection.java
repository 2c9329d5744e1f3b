package dev.skyport.cli.settings;

import dev.skyport.api.template.TemplatePaths;
import dev.skyport.cli.CliEnvironment;
import dev.skyport.cli.CliFailure;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where skycli talks to: the gateway's URL and the token. {@code SKYPORT_ENDPOINT} and
 * {@code SKYPORT_TOKEN} override what {@code skycli login} stored.
 *
 * @param endpoint the gateway, without a trailing slash, or {@code null} when none is configured
 * @param token    the bearer token, or {@code null}
 */
public record Connection(URI endpoint, String token) {

    public static Connection resolve(CliEnvironment environment, ConfigFile config) {
        Settings stored = config.read();
        String endpoint = environment.variable("SKYPORT_ENDPOINT");
        String source = "SKYPORT_ENDPOINT";
        if (endpoint == null) {
            endpoint = stored.endpoint();
            source = config.path().toString();
        }
        String token = environment.variable("SKYPORT_TOKEN");
        if (token == null) {
            token = stored.token();
        }
        return new Connection(endpoint == null ? null : parseEndpoint(endpoint, source), token);
    }

    /** The endpoint as a URI; a usage error names {@code source} when it is not an http(s) URL. */
    public static URI parseEndpoint(String text, String source) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw CliFailure.usage("endpoint '" + text + "' (from " + source + ") is not an http:// or https:// URL;"
                + " give the gateway's address, for example http://127.0.0.1:8080");
    }

    public boolean hasEndpoint() {
        return endpoint != null;
    }

    /** The endpoint, or a usage error saying how to configure one. */
    public URI requireEndpoint() {
        if (endpoint == null) {
            throw CliFailure.usage("no endpoint configured; run skycli login --endpoint URL --token TOKEN, or set"
                    + " SKYPORT_ENDPOINT");
        }
        return endpoint;
    }

    /** {@code {endpoint}/_controller/v1/...}: the build farm through the gateway. */
    public URI controller(String path) {
        return URI.create(requireEndpoint() + "/_controller/v1/" + path);
    }

    /** {@code {endpoint}/_templates/v1/templates...}: the template catalog through the gateway. */
    public URI templates(String path) {
        return URI.create(requireEndpoint() + "/_templates" + TemplatePaths.TEMPLATES + path);
    }
}
