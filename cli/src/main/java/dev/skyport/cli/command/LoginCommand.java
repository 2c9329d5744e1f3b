package dev.skyport.cli.command;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.settings.ConfigFile;
import dev.skyport.cli.settings.Connection;
import dev.skyport.cli.settings.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Stores the endpoint and token skycli uses.",
                "They go to $SKYPORT_HOME/config (default ~/.skyport/config, mode 0600);",
                "SKYPORT_ENDPOINT and SKYPORT_TOKEN override them."})
public final class LoginCommand implements Callable<Integer> {

    private final CliServices services;

    @Option(names = "--endpoint", required = true, paramLabel = "URL",
            description = "the gateway's URL, for example http://127.0.0.1:8080")
    String endpoint;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "the API token; '-' reads it from standard input (keeps it out of the shell history)")
    String token;

    LoginCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        URI uri = Connection.parseEndpoint(endpoint, "--endpoint");
        String value = token.equals("-") ? readToken() : token.strip();
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ')) {
            throw CliFailure.usage("the token is empty or contains spaces; pass the token the platform gave you");
        }
        ConfigFile config = services.configFile();
        config.write(new Settings(uri.toString(), value));
        services.out().println("logged in to " + uri + " (saved in " + config.path() + ")");
        if (services.environment().variable("SKYPORT_ENDPOINT") != null
                || services.environment().variable("SKYPORT_TOKEN") != null) {
            services.warn("SKYPORT_ENDPOINT or SKYPORT_TOKEN is set and overrides what was just saved");
        }
        return ExitCodes.OK;
    }

    private String readToken() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(services.environment().in(),
                StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line.strip();
    }
}
