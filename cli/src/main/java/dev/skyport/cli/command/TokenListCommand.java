package dev.skyport.cli.command;

import dev.skyport.api.microservice.TokenInfo;
import dev.skyport.api.microservice.TokenListResponse;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the tokens made through the API (never the tokens themselves), newest first.")
public final class TokenListCommand implements Callable<Integer> {

    private final CliServices services;

    @Mixin
    OutputOption output;

    TokenListCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        TokenListResponse tokens = services.buildFarm().tokens();
        if (output.json()) {
            services.out().println(Json.pretty(tokens));
            return ExitCodes.OK;
        }
        Instant now = Instant.now();
        Table table = new Table("ID", "SCOPE", "STATE", "EXPIRES", "CREATED", "DESCRIPTION");
        for (TokenInfo token : tokens.tokens()) {
            table.row(token.id(), token.scope(), token.state(now), orDash(token.expiresAt()),
                    orDash(token.createdAt()), orDash(token.description()));
        }
        table.print(services.out());
        return ExitCodes.OK;
    }

    private static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }
}
