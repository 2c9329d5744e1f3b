package dev.skyport.cli.command;

import dev.skyport.api.microservice.TokenResponse;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Makes a token and prints it once: it cannot be shown again.",
                "Give it to a CI job or a developer, who runs: skycli login --token -"})
public final class TokenCreateCommand implements Callable<Integer> {

    private final CliServices services;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE",
            description = "'app:<app>' (that app's API only) or 'admin' (everything)")
    String scope;

    @Option(names = "--description", paramLabel = "TEXT", description = "who or what the token is for")
    String description;

    @Option(names = "--expires-in-days", paramLabel = "DAYS",
            description = "lifetime in days (default: the build farm's, 90)")
    Integer expiresInDays;

    @Mixin
    OutputOption output;

    TokenCreateCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        TokenResponse token = services.buildFarm().createToken(scope, description, expiresInDays);
        if (output.json()) {
            services.out().println(Json.pretty(token));
            return ExitCodes.OK;
        }
        services.out().println(token.token());
        services.warn("token " + token.id() + " (" + token.scope() + ") expires at " + token.expiresAt()
                + "; it is shown only now");
        return ExitCodes.OK;
    }
}
