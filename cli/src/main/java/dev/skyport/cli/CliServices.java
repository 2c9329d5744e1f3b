package dev.skyport.cli;

import dev.skyport.cli.http.BuildFarmClient;
import dev.skyport.cli.http.Http;
import dev.skyport.cli.project.BuildContexts;
import dev.skyport.cli.settings.ConfigFile;
import dev.skyport.cli.settings.Connection;
import dev.skyport.cli.settings.SkyportHome;
import dev.skyport.cli.template.TemplateCatalogClient;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What commands share during one run, created lazily: the endpoint and token are read only by
 * commands that talk to the platform, so {@code config validate} works offline.
 */
public final class CliServices {

    private final CliEnvironment environment;
    private final SkyportHome home;
    private Connection connection;
    private Http http;

    public CliServices(CliEnvironment environment) {
        this.environment = environment;
        this.home = SkyportHome.of(environment);
    }

    public CliEnvironment environment() {
        return environment;
    }

    public PrintStream out() {
        return environment.out();
    }

    public PrintStream err() {
        return environment.err();
    }

    public void warn(String message) {
        environment.err().println("warning: " + message);
    }

    public SkyportHome home() {
        return home;
    }

    public ConfigFile configFile() {
        return new ConfigFile(home.configFile());
    }

    public Connection connection() {
        if (connection == null) {
            connection = Connection.resolve(environment, configFile());
        }
        return connection;
    }

    public Http http() {
        if (http == null) {
            connection().requireEndpoint();
            http = new Http(connection());
        }
        return http;
    }

    public BuildFarmClient buildFarm() {
        return new BuildFarmClient(http());
    }

    public TemplateCatalogClient templates() {
        return new TemplateCatalogClient(http(), home.templateCache(), this::warn);
    }

    public BuildContexts buildContexts() {
        return new BuildContexts(this::templates);
    }

    /** How long a silent log stream is trusted before it is resumed. */
    public Duration logIdleTimeout() {
        return Duration.ofSeconds(number("SKYCLI_LOG_IDLE_SECONDS", 60));
    }

    /** The first pause before reconnecting to a log stream; it doubles up to 32 times that. */
    public Duration reconnectDelay() {
        return Duration.ofMillis(number("SKYCLI_RECONNECT_DELAY_MS", 500));
    }

    private long number(String variable, long fallback) {
        String value = environment.variable(variable);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw CliFailure.usage(variable + "='" + value + "' is not a whole number");
        }
    }
}
