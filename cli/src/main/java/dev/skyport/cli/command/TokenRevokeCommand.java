package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes a token: it is refused from the next request on. The ID comes from skycli token list.")
public final class TokenRevokeCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ID", description = "the token's id (skycli token list)")
    String id;

    TokenRevokeCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        JsonNode token = services.buildFarm().revokeToken(id);
        services.out().println("revoked token " + Json.text(token, "id") + " (" + Json.text(token, "scope")
                + ") at " + Json.text(token, "revokedAt"));
        return ExitCodes.OK;
    }
}
