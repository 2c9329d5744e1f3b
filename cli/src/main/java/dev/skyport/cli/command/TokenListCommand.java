package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

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
        JsonNode tokens = services.buildFarm().tokens();
        if (output.json()) {
            services.out().println(Json.pretty(tokens));
            return ExitCodes.OK;
        }
        Instant now = Instant.now();
        Table table = new Table("ID", "SCOPE", "STATE", "EXPIRES", "CREATED", "DESCRIPTION");
        for (JsonNode token : tokens.path("tokens")) {
            table.row(Json.text(token, "id"), Json.text(token, "scope"), state(token, now),
                    orDash(Json.text(token, "expiresAt")), orDash(Json.text(token, "createdAt")),
                    orDash(Json.text(token, "description")));
        }
        table.print(services.out());
        return ExitCodes.OK;
    }

    private static String state(JsonNode token, Instant now) {
        if (Json.text(token, "revokedAt") != null) {
            return "revoked";
        }
        String expiresAt = Json.text(token, "expiresAt");
        return expiresAt != null && !now.isBefore(Instant.parse(expiresAt)) ? "expired" : "active";
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
